package dev.facerec.api.http.audit;

import dev.facerec.api.app.cache.ThrottledWarning;
import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events off the request thread: requests put events on a bounded queue and never wait; one writer
 * thread stores them in batches. When the queue is full (the database is slow or down) an event is dropped, counted
 * in {@code facerec_audit_dropped_total} and warned about at most once a minute, rather than slowing every request.
 * Refusals of callers without credentials skip the queue: they are counted ({@link AnonymousRefusals}) and the writer
 * stores one event per group once its window has ended. {@link #close()} stops taking events and stores what is
 * queued and counted.
 */
final class AuditWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    static final int BATCH = 200;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 100;

    private final BlockingQueue<AuditEvent> queue;
    private final AuditLog auditLog;
    private final AnonymousRefusals refusals;
    private final Clock clock;
    private final Counter recorded;
    private final Counter droppedFull;
    private final Counter droppedFailed;
    private final ThrottledWarning warning;
    private final Thread writer;
    private volatile boolean closed;

    AuditWriter(AuditLog auditLog, int capacity, AnonymousRefusals refusals, MeterRegistry registry, Clock clock) {
        this.auditLog = auditLog;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.refusals = refusals;
        this.clock = clock;
        this.warning = new ThrottledWarning(log, Duration.ofMinutes(1), clock);
        this.recorded = Counter.builder("facerec.audit.events")
                .description("Audit events stored")
                .register(registry);
        this.droppedFull = dropped(registry, "queue_full");
        this.droppedFailed = dropped(registry, "write_failed");
        this.writer = Thread.ofVirtual().name("audit-writer").start(this::run);
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("facerec.audit.dropped")
                .description("Audit events lost: the queue was full, or the database refused them")
                .tag("reason", reason)
                .register(registry);
    }

    /** Queues the event, or counts it with its kind; never blocks. */
    void submit(AuditEvent event) {
        if (!closed && AnonymousRefusals.applies(event)) {
            refusals.add(event);
        } else if (closed || !queue.offer(event)) {
            droppedFull.increment();
            warning.warn(
                    "Audit event dropped",
                    new IllegalStateException(
                            closed ? "the service is stopping" : "the audit queue of " + capacity() + " is full"));
        }
    }

    int capacity() {
        return queue.size() + queue.remainingCapacity();
    }

    private void run() {
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                AuditEvent first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                }
                writeInBatches(refusals.takeEnded(clock.instant()));
            } catch (InterruptedException e) {
                // Only close() interrupts, after its deadline: what is left is lost, and counted.
                droppedFailed.increment(queue.size() + refusals.size());
                return;
            } finally {
                batch.clear();
            }
        }
        writeInBatches(refusals.takeAll());
    }

    private void writeInBatches(List<AuditEvent> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            write(events.subList(from, Math.min(events.size(), from + BATCH)));
        }
    }

    private void write(List<AuditEvent> batch) {
        try {
            auditLog.record(batch);
            recorded.increment(batch.size());
        } catch (RuntimeException e) {
            droppedFailed.increment(batch.size());
            warning.warn("Audit events could not be stored (" + batch.size() + " lost)", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        if (!writer.join(CLOSE_TIMEOUT)) {
            log.warn(
                    "The audit writer did not finish within {}; {} events are lost",
                    CLOSE_TIMEOUT,
                    queue.size() + refusals.size());
            writer.interrupt();
        }
    }
}
