package dev.facerec.api.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.app.config.PeriodicJob;
import dev.facerec.core.access.Actor;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.testing.FakePipeline;
import dev.facerec.core.usecase.ManageGalleries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Binding of facerec.retention.*, and the timer that erases faces past their retention and counts them. */
class RetentionConfigurationTest {
    private final FakePipeline fakes = new FakePipeline();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RetentionConfiguration.class)
            .withBean(GalleryRepository.class, fakes::galleries)
            .withBean(FaceRepository.class, fakes::faces)
            .withBean(ImageStore.class, fakes::imageStore)
            .withBean(ActiveRecognizer.class, fakes::activeRecognizer)
            .withBean(EmbeddingCache.class, fakes::embeddingCache)
            .withBean(MeterRegistry.class, () -> registry);

    @Test
    void sweepsHourlyInBatchesOf500ByDefault() {
        context.run(started -> {
            assertThat(started.getBean(RetentionProperties.class))
                    .isEqualTo(new RetentionProperties(Duration.ofHours(1), 500));
            assertThat(started.getBean(PeriodicJob.class).isScheduled()).isTrue();
        });
    }

    @Test
    void zeroTurnsTheSweepOffAndBadValuesAreRefused() {
        context.withPropertyValues("facerec.retention.sweep-interval=0").run(started -> {
            assertThat(started.getBean(RetentionProperties.class).enabled()).isFalse();
            assertThat(started.getBean(PeriodicJob.class).isScheduled()).isFalse();
        });
        context.withPropertyValues("facerec.retention.sweep-interval=-1s")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("facerec.retention.batch-size=0")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void theTimerErasesFacesPastTheRetentionAndCountsThem() {
        var galleries = new ManageGalleries(
                fakes.galleryAccess(),
                fakes.galleries(),
                fakes.faces(),
                fakes.images,
                fakes.index,
                fakes.cache,
                fakes.embedder.model()::id,
                Clock.systemUTC(),
                DomainEvents.NONE);
        var visitors = galleries.create(Actor.system(), "visitors", 1);
        var staff = galleries.create(Actor.system(), "staff");
        EnrolledFace old = enrolled(visitors.id(), Instant.now().minus(Duration.ofDays(2)));
        EnrolledFace recent = enrolled(visitors.id(), Instant.now());
        EnrolledFace kept = enrolled(staff.id(), Instant.now().minus(Duration.ofDays(400)));

        context.withPropertyValues("facerec.retention.sweep-interval=100ms").run(started -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (fakes.faces().find(old.id()).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            assertThat(fakes.faces().find(old.id())).isEmpty();
            assertThat(fakes.faces().find(recent.id())).isPresent();
            assertThat(fakes.faces().find(kept.id())).isPresent();
            assertThat(registry.get(RetentionConfiguration.FACES_ERASED)
                            .counter()
                            .count())
                    .as("counted once, however many sweeps ran")
                    .isEqualTo(1.0);
        });
    }

    private EnrolledFace enrolled(UUID galleryId, Instant createdAt) {
        var person = fakes.persons()
                .create(new dev.facerec.core.person.Person(
                        UUID.randomUUID(), galleryId, "someone", null, "{}", createdAt, createdAt));
        String name = UUID.randomUUID().toString();
        byte[] photo = dev.facerec.core.testing.FakePhoto.portrait(name);
        String key = fakes.images.put(photo, "image/jpeg");
        var image = fakes.decoder.decode(photo);
        var detected = fakes.detector.detect(image).getFirst();
        var embedding = fakes.embedder.embed(image, java.util.List.of(detected)).getFirst();
        return fakes.faces()
                .add(
                        new EnrolledFace(
                                UUID.randomUUID(),
                                person.id(),
                                galleryId,
                                key,
                                "ab".repeat(32),
                                detected,
                                0.9f,
                                embedding,
                                createdAt),
                        () -> {}); // the image was just stored and no deleter runs beside this test
    }
}
