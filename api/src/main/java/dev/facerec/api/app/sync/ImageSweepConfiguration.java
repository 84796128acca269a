package dev.facerec.api.app.sync;

import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.api.app.config.PeriodicJob;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.usecase.OrphanImageSweeper;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Sweeps orphaned images on a timer ({@code IMAGE_SWEEP_INTERVAL}, 1 hour by default, 0 for never). Every replica
 * sweeps on its own: deleting an orphan twice is harmless, and no replica depends on another being alive.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SweepProperties.class)
@Import(ClockConfiguration.class)
public class ImageSweepConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ImageSweepConfiguration.class);

    /** The timer; a failed sweep is logged and the next one runs on time. */
    @Bean(destroyMethod = "close")
    PeriodicJob imageSweepSchedule(FaceRepository faces, ImageStore images, SweepProperties properties, Clock clock) {
        var sweeper = new OrphanImageSweeper(faces, images, properties.sweepGrace(), clock);
        if (!properties.enabled()) {
            log.info("Orphan image sweep is off (IMAGE_SWEEP_INTERVAL=0)");
            return PeriodicJob.off("orphan-image-sweep");
        }
        return PeriodicJob.start("orphan-image-sweep", properties.sweepInterval(), sweeper::sweep);
    }
}
