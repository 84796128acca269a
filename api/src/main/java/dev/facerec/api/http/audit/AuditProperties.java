package dev.facerec.api.http.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.audit.*}: how long the audit log is kept, and how refusals of callers without credentials are
 * counted.
 *
 * @param retention {@code AUDIT_RETENTION}: events older than this are deleted; 0 keeps them for ever
 * @param sweepInterval {@code AUDIT_SWEEP_INTERVAL}: time between retention sweeps, the first one interval after
 *     start; 0 turns the sweep off
 * @param refusalWindow {@code AUDIT_REFUSAL_WINDOW}: refusals of callers without credentials are stored as one event
 *     per window, actor, action, status and client address, with their count; 1 second to 1 hour
 * @param refusalMaxGroups {@code AUDIT_REFUSAL_MAX_GROUPS}: groups counted in memory at once; refusals past it are
 *     counted in their window's overflow event
 */
@ConfigurationProperties("facerec.audit")
public record AuditProperties(
        @DefaultValue("365d") Duration retention,
        @DefaultValue("1h") Duration sweepInterval,
        @DefaultValue("1m") Duration refusalWindow,
        @DefaultValue("1000") int refusalMaxGroups) {
    public AuditProperties {
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("AUDIT_RETENTION must not be negative: " + retention);
        }
        if (sweepInterval == null || sweepInterval.isNegative()) {
            throw new IllegalArgumentException("AUDIT_SWEEP_INTERVAL must not be negative: " + sweepInterval);
        }
        if (refusalWindow == null
                || refusalWindow.compareTo(Duration.ofSeconds(1)) < 0
                || refusalWindow.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(
                    "AUDIT_REFUSAL_WINDOW must be between 1 second and 1 hour: " + refusalWindow);
        }
        if (refusalMaxGroups < 1 || refusalMaxGroups > 1_000_000) {
            throw new IllegalArgumentException("AUDIT_REFUSAL_MAX_GROUPS must be 1 to 1000000: " + refusalMaxGroups);
        }
    }

    /** Whether old events are deleted at all. */
    public boolean sweeps() {
        return !retention.isZero() && !sweepInterval.isZero();
    }
}
