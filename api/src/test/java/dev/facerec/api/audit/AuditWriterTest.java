package dev.facerec.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditEvent.ActorKind;
import dev.facerec.core.audit.AuditEvent.Outcome;
import dev.facerec.core.audit.AuditLog;
import dev.facerec.core.audit.AuditQuery;
import dev.facerec.core.person.Page;
import dev.facerec.core.testing.InMemoryAuditLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuditWriterTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static AuditEvent event() {
        return new AuditEvent(
                UUID.randomUUID(),
                Instant.now(),
                "admin",
                ActorKind.USER,
                null,
                "gallery.list",
                null,
                null,
                null,
                200,
                Outcome.SUCCESS,
                "127.0.0.1",
                null);
    }

    private double counter(String name, String reason) {
        var search = registry.find(name);
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        var counter = search.counter();
        return counter == null ? -1 : counter.count();
    }

    @Test
    void closeStoresEverythingQueued() throws Exception {
        var log = new InMemoryAuditLog();
        var writer = new AuditWriter(log, 1000, registry);
        for (int i = 0; i < 500; i++) {
            writer.submit(event());
        }
        writer.close();
        assertThat(log.all()).hasSize(500);
        assertThat(counter("facerec.audit.events", null)).isEqualTo(500);
        assertThat(counter("facerec.audit.dropped", "queue_full")).isZero();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        var release = new CountDownLatch(1);
        var stored = new InMemoryAuditLog();
        AuditLog stuck = new AuditLog() {
            @Override
            public void record(List<AuditEvent> events) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stored.record(events);
            }

            @Override
            public Page<AuditEvent> query(AuditQuery query) {
                return stored.query(query);
            }
        };
        var writer = new AuditWriter(stuck, 10, registry);
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            writer.submit(event());
        }
        assertThat(System.nanoTime() - started)
                .as("submitting never waits for the database")
                .isLessThan(TimeUnit.SECONDS.toNanos(2));
        // The writer holds at most one batch of the first events; the queue at most 10 more.
        assertThat(counter("facerec.audit.dropped", "queue_full")).isGreaterThanOrEqualTo(100 - 10 - 11);
        release.countDown();
        writer.close();
        assertThat(stored.all().size() + counter("facerec.audit.dropped", "queue_full"))
                .as("every event is either stored or counted as dropped")
                .isEqualTo(100);
    }

    @Test
    void aFailingDatabaseLosesTheBatchCountedAndTheWriterGoesOn() throws Exception {
        var stored = new InMemoryAuditLog();
        var failures = new java.util.concurrent.atomic.AtomicInteger(1);
        AuditLog flaky = new AuditLog() {
            @Override
            public void record(List<AuditEvent> events) {
                if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("database down");
                }
                stored.record(events);
            }

            @Override
            public Page<AuditEvent> query(AuditQuery query) {
                return stored.query(query);
            }
        };
        var writer = new AuditWriter(flaky, 100, registry);
        writer.submit(event());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (counter("facerec.audit.dropped", "write_failed") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        writer.submit(event());
        writer.close();
        assertThat(counter("facerec.audit.dropped", "write_failed")).isEqualTo(1);
        assertThat(stored.all()).hasSize(1);
    }
}
