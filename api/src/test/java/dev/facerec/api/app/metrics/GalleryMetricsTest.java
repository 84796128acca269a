package dev.facerec.api.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.testing.InMemoryGalleryIndex;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GalleryMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryGalleryIndex index = new InMemoryGalleryIndex();

    @Test
    void anEmptyIndexHasNoGalleriesAndAnOtherSeriesAtZero() {
        new GalleryMetrics(index, registry, 2);

        assertThat(galleries()).isZero();
        assertThat(faces(GalleryMetrics.OTHER)).isZero();
        assertThat(registry.find("facerec.gallery.faces").gauges()).hasSize(1);
    }

    @Test
    void theLargestGalleriesGetTheirOwnSeriesAndTheRestAreSummed() {
        GalleryMetrics metrics = new GalleryMetrics(index, registry, 2);
        UUID large = enroll(5);
        UUID medium = enroll(3);
        enroll(2);
        enroll(1);

        metrics.refresh();

        assertThat(galleries()).isEqualTo(4);
        assertThat(faces(large.toString())).isEqualTo(5);
        assertThat(faces(medium.toString())).isEqualTo(3);
        assertThat(faces(GalleryMetrics.OTHER)).isEqualTo(3);
        assertThat(registry.find("facerec.gallery.faces").gauges()).hasSize(3);
    }

    @Test
    void aDroppedGalleryLosesItsSeriesAtTheNextRefresh() {
        GalleryMetrics metrics = new GalleryMetrics(index, registry, 2);
        UUID dropped = enroll(2);
        metrics.refresh();
        assertThat(faces(dropped.toString())).isEqualTo(2);

        index.removeGallery(dropped);
        metrics.refresh();

        assertThat(registry.find("facerec.gallery.faces")
                        .tag("gallery", dropped.toString())
                        .gauge())
                .isNull();
        assertThat(galleries()).isZero();
    }

    private UUID enroll(int faces) {
        UUID gallery = UUID.randomUUID();
        for (int i = 0; i < faces; i++) {
            index.add(
                    gallery,
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    Embedding.ofUnitVector(new float[] {1, 0, 0, 0}, "fake-recognizer"));
        }
        return gallery;
    }

    private double galleries() {
        return registry.get("facerec.galleries").gauge().value();
    }

    private double faces(String gallery) {
        return registry.get("facerec.gallery.faces")
                .tag("gallery", gallery)
                .gauge()
                .value();
    }
}
