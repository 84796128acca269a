package dev.facerec.api.app.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.retention.*}: the sweep that erases faces past their gallery's retention period.
 *
 * @param sweepInterval {@code RETENTION_SWEEP_INTERVAL}: time between sweeps, the first one interval after start; 0
 *     turns the sweep off (faces then outlive their retention until it is turned on again)
 * @param batchSize {@code RETENTION_SWEEP_BATCH}: faces erased together under one receipt
 */
@ConfigurationProperties("facerec.retention")
public record RetentionProperties(
        @DefaultValue("1h") Duration sweepInterval,
        @DefaultValue("500") int batchSize) {
    public RetentionProperties {
        if (sweepInterval == null || sweepInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "facerec.retention.sweep-interval must not be negative: " + sweepInterval);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("facerec.retention.batch-size must be 1 to 10000: " + batchSize);
        }
    }

    public boolean enabled() {
        return !sweepInterval.isZero();
    }
}
