package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.migration.MigrationFailure;
import dev.facerec.core.migration.MigrationProgress;
import dev.facerec.core.migration.MigrationSource;
import dev.facerec.core.migration.ModelEmbeddings;
import dev.facerec.core.migration.ModelMigrations;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.Person;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract of a model migration's storage: per-model embeddings next to the faces' own, sealed and bound to face
 * and model, never written for (and dropped with) an erased face; and the migration's persisted progress.
 */
abstract class ModelEmbeddingsContractTest extends RepositoryContractTest {
    private ModelEmbeddings embeddings;
    private ModelMigrations migrations;
    private final Random random = new Random(7);

    @BeforeAll
    void beans() {
        embeddings = context.getBean(ModelEmbeddings.class);
        migrations = context.getBean(ModelMigrations.class);
    }

    @Test
    void aStoredEmbeddingReadsBackExactlyAndTheFaceLeavesTheWorkList() {
        String target = uniqueName("target");
        Person person = newPerson(newGallery().id());
        EnrolledFace face = addFace(person, "source-a");
        assertThat(ids(embeddings.facesWithout(target, null, 100_000))).contains(face.id());
        long before = embeddings.countWithout(target);
        MigrationSource source = embeddings.facesWithout(target, null, 100_000).stream()
                .filter(s -> s.faceId().equals(face.id()))
                .findFirst()
                .orElseThrow();
        assertThat(source.imageKey()).isEqualTo(face.imageKey());
        assertThat(source.face()).isEqualTo(face.face());

        Embedding embedding = embedding(target, 128);
        assertThat(embeddings.store(face.id(), embedding)).isTrue();
        // Storing again replaces: idempotent per face and model.
        assertThat(embeddings.store(face.id(), embedding)).isTrue();

        assertThat(embeddings.find(face.id(), target).orElseThrow().vector()).isEqualTo(embedding.vector());
        assertThat(embeddings.find(face.id(), "source-a").orElseThrow().vector())
                .isEqualTo(face.embedding().vector());
        assertThat(embeddings.countWithout(target)).isEqualTo(before - 1);
        assertThat(ids(embeddings.facesWithout(target, null, 100_000))).doesNotContain(face.id());
    }

    @Test
    void anErasedFaceIsNeverGivenAnEmbeddingAndErasureDropsItsEmbeddings() {
        String target = uniqueName("target");
        Person person = newPerson(newGallery().id());
        EnrolledFace kept = addFace(person, "source-b");
        EnrolledFace erasedBefore = addFace(person, "source-b");
        EnrolledFace erasedAfter = addFace(person, "source-b");
        faces.delete(erasedBefore.id());

        assertThat(embeddings.store(erasedBefore.id(), embedding(target, 128))).isFalse();
        assertThat(embeddings.store(kept.id(), embedding(target, 128))).isTrue();
        assertThat(embeddings.store(erasedAfter.id(), embedding(target, 128))).isTrue();
        faces.delete(erasedAfter.id());

        assertThat(embeddings.find(erasedBefore.id(), target)).isEmpty();
        assertThat(embeddings.find(erasedAfter.id(), target)).isEmpty();
        List<UUID> indexed = new ArrayList<>();
        embeddings.forEachFace(target, face -> indexed.add(face.id()));
        assertThat(indexed).containsExactly(kept.id());
    }

    @Test
    void forEachFaceOfAModelSeesItsOwnFacesAndStoredEmbeddingsAndSwapMakesThemTheFacesOwn() {
        String source = uniqueName("source");
        String target = uniqueName("target");
        Person person = newPerson(newGallery().id());
        EnrolledFace migrated = addFace(person, source);
        EnrolledFace nativeTarget = addFace(person, target);
        EnrolledFace notMigrated = addFace(person, source);
        Embedding stored = embedding(target, 128);
        embeddings.store(migrated.id(), stored);

        Map<UUID, EnrolledFace> seen = new java.util.HashMap<>();
        assertThat(embeddings.forEachFace(target, face -> seen.put(face.id(), face)))
                .isEqualTo(2);
        assertThat(seen.keySet()).containsExactlyInAnyOrder(migrated.id(), nativeTarget.id());
        assertThat(seen.get(migrated.id()).modelId()).isEqualTo(target);
        assertThat(seen.get(migrated.id()).embedding().vector()).isEqualTo(stored.vector());
        assertThat(seen.get(migrated.id()).personId()).isEqualTo(person.id());

        assertThat(embeddings.swap(target)).isEqualTo(1);

        EnrolledFace swapped = faces.find(migrated.id()).orElseThrow();
        assertThat(swapped.modelId()).isEqualTo(target);
        assertThat(swapped.embedding().vector()).isEqualTo(stored.vector());
        assertThat(embeddings.find(migrated.id(), source).orElseThrow().vector())
                .isEqualTo(migrated.embedding().vector());
        assertThat(faces.find(notMigrated.id()).orElseThrow().modelId()).isEqualTo(source);
        assertThat(embeddings.countWithout(target)).isPositive();

        // The rollback is the same swap the other way: everything is where it was.
        assertThat(embeddings.swap(source)).isEqualTo(1);
        EnrolledFace back = faces.find(migrated.id()).orElseThrow();
        assertThat(back.modelId()).isEqualTo(source);
        assertThat(back.embedding().vector()).isEqualTo(migrated.embedding().vector());
        assertThat(embeddings.find(migrated.id(), target).orElseThrow().vector())
                .isEqualTo(stored.vector());
        assertThat(faces.find(nativeTarget.id()).orElseThrow().modelId()).isEqualTo(target);
    }

    @Test
    void theSwapsStepRunsInItsTransactionSoItsWritesCommitWithTheSwapOrNotAtAll() {
        String source = uniqueName("source");
        String target = uniqueName("target");
        EnrolledFace face = addFace(newPerson(newGallery().id()), source);
        embeddings.store(face.id(), embedding(target, 128));
        // Started long ago, so it is never the latest migration other tests read.
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
        MigrationProgress progress = new MigrationProgress(
                UUID.randomUUID(),
                source,
                target,
                MigrationProgress.State.COMPLETE,
                1,
                1,
                0,
                longAgo,
                longAgo,
                null,
                null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> embeddings.swap(target, () -> {
                    migrations.save(progress);
                    migrations.recordFailure(progress.id(), face.id(), "written in the step");
                    throw new IllegalStateException("refused in the step");
                }))
                .hasMessage("refused in the step");
        assertThat(faces.find(face.id()).orElseThrow().modelId())
                .as("nothing swapped")
                .isEqualTo(source);
        assertThat(migrations.countFailures(progress.id()))
                .as("the step's writes rolled back")
                .isZero();

        assertThat(embeddings.swap(target, () -> {
                    migrations.save(progress);
                    migrations.recordFailure(progress.id(), face.id(), "written in the step");
                }))
                .isEqualTo(1);
        assertThat(faces.find(face.id()).orElseThrow().modelId()).isEqualTo(target);
        assertThat(migrations.countFailures(progress.id())).isEqualTo(1);
    }

    @Test
    void dropDeletesOnlyThatModelsStoredEmbeddings() {
        String target = uniqueName("target");
        String other = uniqueName("other");
        EnrolledFace face = addFace(newPerson(newGallery().id()), "source-c");
        embeddings.store(face.id(), embedding(target, 64));
        embeddings.store(face.id(), embedding(other, 64));

        assertThat(embeddings.drop(target)).isEqualTo(1);

        assertThat(embeddings.find(face.id(), target)).isEmpty();
        assertThat(embeddings.find(face.id(), other)).isPresent();
        assertThat(embeddings.find(face.id(), "source-c")).isPresent();
    }

    @Test
    void progressAndFailuresArePersisted() {
        Instant start = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        MigrationProgress progress = new MigrationProgress(
                UUID.randomUUID(), "a", "b", MigrationProgress.State.RUNNING, 10, 0, 0, start, start, null, null);
        migrations.save(progress);
        assertThat(migrations.latest()).contains(progress);

        UUID face = UUID.randomUUID();
        migrations.recordFailure(progress.id(), face, "image missing");
        migrations.recordFailure(progress.id(), face, "image missing again");
        assertThat(migrations.failures(progress.id(), 10))
                .containsExactly(new MigrationFailure(face, "image missing again"));
        assertThat(migrations.countFailures(progress.id())).isEqualTo(1);
        migrations.clearFailure(progress.id(), face);
        assertThat(migrations.countFailures(progress.id())).isZero();

        MigrationProgress later = new MigrationProgress(
                progress.id(),
                "a",
                "b",
                MigrationProgress.State.COMPLETE,
                10,
                9,
                1,
                start,
                start.plusSeconds(5),
                start.plusSeconds(5),
                null);
        migrations.save(later);
        assertThat(migrations.latest()).contains(later);
        assertThat(later.facesPerSecond()).isEqualTo(9 / 5.0);
    }

    private Embedding embedding(String modelId, int size) {
        float[] raw = new float[size];
        for (int i = 0; i < size; i++) {
            raw[i] = (float) random.nextGaussian();
        }
        return Embedding.normalised(raw, modelId);
    }

    private static List<UUID> ids(List<MigrationSource> sources) {
        return sources.stream().map(MigrationSource::faceId).toList();
    }
}
