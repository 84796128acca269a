package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.audit.AuditLog;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongConsumer;

/**
 * Deletes audit events older than the retention period, a batch per transaction, so that the record of who did what
 * keeps its use without growing for ever. Events are kept whole until then: a retention is the only thing that
 * removes them. Several replicas may sweep at once; each event goes once.
 */
public final class AuditRetentionSweeper {
    private static final System.Logger log = System.getLogger(AuditRetentionSweeper.class.getName());

    private final AuditLog auditLog;
    private final Duration retention;
    private final int batchSize;
    private final Clock clock;

    /**
     * @param retention how long events are kept; positive
     * @param batchSize events deleted in one transaction
     */
    public AuditRetentionSweeper(AuditLog auditLog, Duration retention, int batchSize, Clock clock) {
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.retention = requireNonNull(retention, "retention is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Deletes every event older than the retention at the start of the sweep.
     *
     * @param onDeleted told the number of events after each batch, so a count kept elsewhere stays right when a later
     *     batch fails
     * @return how many events this sweep deleted
     */
    public synchronized long sweep(LongConsumer onDeleted) {
        requireNonNull(onDeleted, "onDeleted is null");
        long started = System.nanoTime();
        Instant cutoff = clock.instant().minus(retention);
        long deleted = 0;
        int batch;
        do {
            batch = auditLog.deleteBefore(cutoff, batchSize);
            deleted += batch;
            if (batch > 0) {
                onDeleted.accept(batch);
            }
        } while (batch == batchSize);
        log.log(
                deleted == 0 ? Level.DEBUG : Level.INFO,
                "Audit retention: {0} events from before {1} deleted, in {2} ms",
                deleted,
                cutoff,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return deleted;
    }
}
