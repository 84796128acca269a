package dev.facerec.api.app.privacy;

import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.api.app.config.FaceUseCaseConfiguration;
import dev.facerec.api.app.config.PeriodicJob;
import dev.facerec.api.app.events.DomainEventConfiguration;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.usecase.RetentionSweeper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Erases faces past their gallery's retention on a timer ({@code RETENTION_SWEEP_INTERVAL}, 1 hour by default, 0 for
 * never). Every replica sweeps on its own: a face erased by one is skipped by the others, so no replica depends on
 * another being alive, and the faces go even if only one replica runs. Each batch raises its event like any erasure,
 * so the other replicas hear of it at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
@Import({ClockConfiguration.class, DomainEventConfiguration.class})
public class RetentionConfiguration {
    /** Prometheus: {@code facerec_retention_faces_erased_total}. */
    static final String FACES_ERASED = "facerec.retention.faces.erased";

    private static final Logger log = LoggerFactory.getLogger(RetentionConfiguration.class);

    @Bean
    RetentionSweeper retentionSweeper(
            GalleryRepository galleries,
            FaceRepository faces,
            ImageStore images,
            ActiveRecognizer recognizers,
            EmbeddingCache cache,
            RetentionProperties properties,
            DomainEvents events,
            Clock clock) {
        return new RetentionSweeper(
                galleries,
                faces,
                images,
                recognizers.index(),
                cache,
                () -> recognizers.model().id(),
                properties.batchSize(),
                clock,
                events);
    }

    /** The timer; a failed sweep is logged and the next one runs on time. */
    @Bean(destroyMethod = "close")
    PeriodicJob retentionSchedule(
            RetentionSweeper sweeper, RetentionProperties properties, ObjectProvider<MeterRegistry> registry) {
        Counter erased = Counter.builder(FACES_ERASED)
                .description("Faces erased because their gallery's retention period ran out")
                .register(FaceUseCaseConfiguration.registryOf(registry));
        if (!properties.enabled()) {
            log.info("Retention sweep is off (RETENTION_SWEEP_INTERVAL=0): faces outlive their retention");
            return PeriodicJob.off("retention-sweep");
        }
        return PeriodicJob.start("retention-sweep", properties.sweepInterval(), () -> sweeper.sweep(erased::increment));
    }
}
