package dev.facerec.api.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.api.fake.FakeFaceDetector;
import dev.facerec.api.fake.FakeFaceEmbedder;
import dev.facerec.api.fake.FakeImageDecoder;
import dev.facerec.api.fake.FakeImages;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.RequestDeadline;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.index.GalleryIndex.Candidate;
import dev.facerec.core.testing.InMemoryGalleryIndex;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimedPortsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeImageDecoder plainDecoder = new FakeImageDecoder();

    @Test
    void decodeRecordsOneSampleAndPassesResultsAndRefusalsThrough() {
        TimedImageDecoder decoder = new TimedImageDecoder(plainDecoder, registry);

        DecodedImage image = decoder.decode(FakeImages.portrait("alice"));
        assertThat(image.width()).isEqualTo(64);
        assertThat(count("decode", "none")).isEqualTo(1);

        assertThatThrownBy(() -> decoder.decode(FakeImages.failingWith(FaceErrorCode.IMAGE_TOO_LARGE)))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_TOO_LARGE));
        assertThat(count("decode", "none")).isEqualTo(2);
        assertThat(decoder.supportedFormats()).isEqualTo(plainDecoder.supportedFormats());
    }

    @Test
    void detectRecordsOneSampleAndCountsTheFaces() {
        TimedFaceDetector detector = new TimedFaceDetector(new FakeFaceDetector(), registry);

        List<DetectedFace> faces = detector.detect(plainDecoder.decode(FakeImages.image(64, 48, 3, "bob")));
        detector.detect(plainDecoder.decode(FakeImages.noFace()));

        assertThat(faces)
                .isEqualTo(new FakeFaceDetector().detect(plainDecoder.decode(FakeImages.image(64, 48, 3, "bob"))));
        assertThat(count("detect", FakeFaceDetector.MODEL_ID)).isEqualTo(2);
        assertThat(registry.get(TimedFaceDetector.FACES_DETECTED)
                        .tag("model", FakeFaceDetector.MODEL_ID)
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(detector.modelId()).isEqualTo(FakeFaceDetector.MODEL_ID);
    }

    @Test
    void embedRecordsOneSamplePerCallAndPassesFailuresThrough() {
        TimedFaceEmbedder embedder = new TimedFaceEmbedder(new FakeFaceEmbedder(), registry);
        DecodedImage alice = plainDecoder.decode(FakeImages.image(64, 48, 2, "alice"));
        List<DetectedFace> faces = new FakeFaceDetector().detect(alice);

        List<Embedding> embeddings = embedder.embed(alice, faces);
        assertThat(embeddings).hasSize(2);
        assertThat(embeddings.getFirst().modelId()).isEqualTo(FakeFaceEmbedder.MODEL.id());

        DecodedImage stranger = plainDecoder.decode(FakeImages.portrait("stranger"));
        assertThatThrownBy(() -> embedder.embed(stranger, faces))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the fake embedder knows");
        assertThat(count("embed", FakeFaceEmbedder.MODEL.id())).isEqualTo(2);
        assertThat(embedder.model()).isEqualTo(FakeFaceEmbedder.MODEL);
    }

    @Test
    void onlySearchIsTimedAndItCarriesNoGallery() {
        InMemoryGalleryIndex plain = new InMemoryGalleryIndex();
        TimedGalleryIndex index = new TimedGalleryIndex(plain, registry);
        UUID gallery = UUID.randomUUID();
        UUID person = UUID.randomUUID();
        UUID face = UUID.randomUUID();
        Embedding embedding = Embedding.normalised(new float[] {1, 0, 0}, "model-a");

        index.add(gallery, person, face, embedding);
        List<Candidate> found = index.search(gallery, embedding, 5);

        assertThat(found).extracting(Candidate::faceId).containsExactly(face);
        assertThat(index.size(gallery, "model-a")).isEqualTo(1);
        assertThat(count("search", "model-a")).isEqualTo(1);
        assertThat(registry.get(InferenceTimers.NAME).timers()).hasSize(1);
        assertThat(registry.get(InferenceTimers.NAME).timer().getId().getTags())
                .extracting(tag -> tag.getKey())
                .containsExactlyInAnyOrder("stage", "model");
        index.remove(gallery, face);
        assertThat(plain.size(gallery, "model-a")).isZero();
    }

    @Test
    void noStageStartsOnceTheRequestsDeadlineHasPassed() throws InterruptedException {
        TimedImageDecoder decoder = new TimedImageDecoder(plainDecoder, registry);
        TimedFaceDetector detector = new TimedFaceDetector(new FakeFaceDetector(), registry);
        TimedFaceEmbedder embedder = new TimedFaceEmbedder(new FakeFaceEmbedder(), registry);
        TimedGalleryIndex index = new TimedGalleryIndex(new InMemoryGalleryIndex(), registry);
        DecodedImage alice = plainDecoder.decode(FakeImages.portrait("alice"));
        List<DetectedFace> faces = new FakeFaceDetector().detect(alice);
        Embedding embedding = Embedding.normalised(new float[] {1, 0, 0}, "model-a");

        try (RequestDeadline.Scope request = RequestDeadline.start(Duration.ofMillis(1))) {
            Thread.sleep(5);
            for (Runnable stage : List.<Runnable>of(
                    () -> decoder.decode(FakeImages.portrait("alice")),
                    () -> detector.detect(alice),
                    () -> embedder.embed(alice, faces),
                    () -> index.search(UUID.randomUUID(), embedding, 5))) {
                assertThatThrownBy(stage::run)
                        .isInstanceOfSatisfying(
                                FaceException.class,
                                e -> assertThat(e.code()).isEqualTo(FaceErrorCode.REQUEST_TIMEOUT));
            }
        }
        assertThat(registry.get(InferenceTimers.NAME).timers())
                .as("a stage that did not start records no time")
                .allSatisfy(timer -> assertThat(timer.count()).isZero());
    }

    private long count(String stage, String model) {
        Timer timer = registry.get(InferenceTimers.NAME)
                .tag("stage", stage)
                .tag("model", model)
                .timer();
        return timer.count();
    }
}
