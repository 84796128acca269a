package dev.facerec.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.Point;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.migration.MigrationProgress.State;
import dev.facerec.core.testing.FakeFaceEmbedder;
import dev.facerec.core.testing.FakeImageDecoder;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.InMemoryImageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pass over in-memory ports: what counts as a face's failure and what is only the service being busy. */
class MigrationPassTest {
    private static final String TARGET = "target-model";

    private final InMemoryModelEmbeddings embeddings = new InMemoryModelEmbeddings();
    private final InMemoryModelMigrations migrations = new InMemoryModelMigrations();
    private final InMemoryImageStore images = new InMemoryImageStore();
    private final FakeImageDecoder decoder = new FakeImageDecoder();
    private final FaceEmbedder target = new FixedEmbedder();

    @Test
    void aFaceRefusedBecauseTheServiceIsBusyIsTriedAgainAndNotCountedAsFailed() {
        UUID face = pendingFace();
        decoder.refuseNext(FaceErrorCode.UNAVAILABLE, 2);

        MigrationProgress ran = pass().run(() -> false).orElseThrow();

        assertThat(ran.state()).isEqualTo(State.COMPLETE);
        assertThat(ran.failed()).isZero();
        assertThat(migrations.failures).isEmpty();
        assertThat(embeddings.stored).containsKey(face);
        assertThat(decoder.calls()).isEqualTo(3);
    }

    @Test
    void aFaceThatCannotBeDecodedIsFailedAtOnce() {
        UUID face = pendingFace();
        decoder.refuseNext(FaceErrorCode.IMAGE_UNREADABLE, 1);

        MigrationProgress ran = pass().run(() -> false).orElseThrow();

        assertThat(ran.failed()).isEqualTo(1);
        assertThat(migrations.failures).containsOnlyKeys(face);
        assertThat(migrations.failures.get(face)).startsWith("IMAGE_UNREADABLE");
        assertThat(decoder.calls()).isEqualTo(1);
    }

    private MigrationPass pass() {
        migrations.save(
                MigrationProgress.started("source-model", TARGET, embeddings.countWithout(TARGET), Instant.now()));
        return new MigrationPass(embeddings, migrations, images, decoder, target, Clock.systemUTC(), 10);
    }

    private UUID pendingFace() {
        UUID face = UUID.randomUUID();
        String key = images.put(FakePhoto.portrait("ada"), "image/png");
        List<Point> landmarks =
                List.of(new Point(1, 1), new Point(2, 1), new Point(1, 2), new Point(1, 3), new Point(2, 3));
        embeddings.pending.add(
                new MigrationSource(face, key, new DetectedFace(new BoundingBox(0, 0, 10, 10), landmarks, 0.9f)));
        return face;
    }

    private static final class FixedEmbedder implements FaceEmbedder {
        @Override
        public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
            return faces.stream()
                    .map(face -> FakeFaceEmbedder.vector("ada", TARGET))
                    .toList();
        }

        @Override
        public RecognitionModel model() {
            return FakeFaceEmbedder.model(TARGET);
        }
    }
}
