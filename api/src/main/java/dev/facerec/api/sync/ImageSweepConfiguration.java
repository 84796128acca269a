package dev.facerec.api.sync;

import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.usecase.OrphanImageSweeper;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sweeps orphaned images on a timer ({@code IMAGE_SWEEP_INTERVAL}, 1 hour by default, 0 for never). Every replica
 * sweeps on its own: deleting an orphan twice is harmless, and no replica depends on another being alive.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SweepProperties.class)
public class ImageSweepConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ImageSweepConfiguration.class);

    @Bean(destroyMethod = "close")
    SweepSchedule imageSweepSchedule(FaceRepository faces, ImageStore images, SweepProperties properties) {
        var sweeper = new OrphanImageSweeper(faces, images, properties.sweepGrace(), Clock.systemUTC());
        return new SweepSchedule(sweeper, properties);
    }

    /** The timer; a failed sweep is logged and the next one runs on time. */
    static final class SweepSchedule implements AutoCloseable {
        private final ScheduledExecutorService timer;

        SweepSchedule(OrphanImageSweeper sweeper, SweepProperties properties) {
            if (!properties.enabled()) {
                log.info("Orphan image sweep is off (IMAGE_SWEEP_INTERVAL=0)");
                timer = null;
                return;
            }
            long interval = properties.sweepInterval().toMillis();
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("orphan-image-sweep").daemon(true).factory());
            timer.scheduleWithFixedDelay(
                    () -> {
                        try {
                            sweeper.sweep();
                        } catch (RuntimeException e) {
                            log.warn(
                                    "Orphan image sweep failed, next try in {}: {}",
                                    properties.sweepInterval(),
                                    e.toString());
                        }
                    },
                    interval,
                    interval,
                    TimeUnit.MILLISECONDS);
        }

        boolean isScheduled() {
            return timer != null && !timer.isShutdown();
        }

        @Override
        public void close() {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }
}
