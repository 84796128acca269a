package dev.facerec.api.app.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.storage.*}: the sweep of orphaned images.
 *
 * @param sweepInterval {@code IMAGE_SWEEP_INTERVAL}: time between sweeps, the first one interval after start; 0 turns
 *     the sweep off
 * @param sweepGrace {@code IMAGE_SWEEP_GRACE}: how long an image stays unreferenced before it is deleted; far longer
 *     than an enrollment takes between storing its image and committing its face
 */
@ConfigurationProperties("facerec.storage")
public record SweepProperties(
        @DefaultValue("1h") Duration sweepInterval,
        @DefaultValue("10m") Duration sweepGrace) {
    public SweepProperties {
        if (sweepInterval == null || sweepInterval.isNegative()) {
            throw new IllegalArgumentException("facerec.storage.sweep-interval must not be negative: " + sweepInterval);
        }
        if (sweepGrace == null || sweepGrace.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("facerec.storage.sweep-grace must be at least 1s: " + sweepGrace);
        }
    }

    public boolean enabled() {
        return !sweepInterval.isZero();
    }
}
