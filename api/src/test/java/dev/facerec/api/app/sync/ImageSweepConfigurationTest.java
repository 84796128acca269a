package dev.facerec.api.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.FakePipeline;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Binding of facerec.storage.sweep-*, and the timer it sets up. */
class ImageSweepConfigurationTest {
    private final FakePipeline fakes = new FakePipeline();
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ImageSweepConfiguration.class)
            .withBean(FaceRepository.class, fakes::faces)
            .withBean(ImageStore.class, fakes::imageStore);

    @Test
    void sweepsHourlyAfterTenMinutesOfGraceByDefault() {
        context.run(started -> {
            assertThat(started.getBean(SweepProperties.class))
                    .isEqualTo(new SweepProperties(Duration.ofHours(1), Duration.ofMinutes(10)));
            assertThat(started.getBean(dev.facerec.api.app.config.PeriodicJob.class)
                            .isScheduled())
                    .isTrue();
        });
    }

    @Test
    void zeroTurnsTheSweepOff() {
        context.withPropertyValues("facerec.storage.sweep-interval=0").run(started -> {
            assertThat(started.getBean(SweepProperties.class).enabled()).isFalse();
            assertThat(started.getBean(dev.facerec.api.app.config.PeriodicJob.class)
                            .isScheduled())
                    .isFalse();
        });
    }

    @Test
    void aNegativeIntervalOrAGraceUnderASecondIsRefused() {
        context.withPropertyValues("facerec.storage.sweep-interval=-1s")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("facerec.storage.sweep-grace=0s")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void theTimerDeletesAnOrphanAfterTheGracePeriodOnly() {
        String orphan = fakes.images.put(FakePhoto.portrait("nobody"), "image/jpeg");
        context.withPropertyValues("facerec.storage.sweep-interval=100ms", "facerec.storage.sweep-grace=1s")
                .run(started -> {
                    Thread.sleep(600);
                    assertThat(fakes.images.keys())
                            .as("within the grace period")
                            .containsExactly(orphan);
                    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (!fakes.images.keys().isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertThat(fakes.images.keys()).isEmpty();
                });
    }
}
