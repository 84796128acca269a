package dev.facerec.api.http.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditEvent.ActorKind;
import dev.facerec.core.audit.AuditLog;
import dev.facerec.core.audit.AuditQuery;
import dev.facerec.core.person.Page;
import dev.facerec.core.testing.AuditEvents;
import dev.facerec.core.testing.InMemoryAuditLog;
import dev.facerec.core.testing.MovableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuditWriterTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static AuditEvent event() {
        return AuditEvents.galleriesListed(Instant.now());
    }

    private static AuditEvent refusal(Instant at, String address) {
        return AuditEvent.single(
                UUID.randomUUID(),
                at,
                AuditFilter.ANONYMOUS,
                ActorKind.ANONYMOUS,
                null,
                null,
                "person.list",
                null,
                null,
                null,
                401,
                address,
                "request-" + UUID.randomUUID());
    }

    private AuditWriter writer(AuditLog log, int capacity) {
        return new AuditWriter(
                log,
                capacity,
                new AnonymousRefusals(Duration.ofMinutes(1), 100, registry),
                registry,
                Clock.systemUTC());
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
        var writer = writer(log, 1000);
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

            @Override
            public int deleteBefore(Instant cutoff, int limit) {
                return stored.deleteBefore(cutoff, limit);
            }
        };
        var writer = writer(stuck, 10);
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

            @Override
            public int deleteBefore(Instant cutoff, int limit) {
                return stored.deleteBefore(cutoff, limit);
            }
        };
        var writer = writer(flaky, 100);
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

    @Test
    void refusalsOfCallersWithoutCredentialsAreStoredAsCountsWhenTheirWindowEnds() throws Exception {
        var log = new InMemoryAuditLog();
        var clock = new MovableClock(Instant.parse("2030-01-01T10:00:00Z"));
        var writer =
                new AuditWriter(log, 100, new AnonymousRefusals(Duration.ofMinutes(1), 100, registry), registry, clock);
        Instant start = clock.instant();
        for (int i = 0; i < 300; i++) {
            writer.submit(refusal(start.plusMillis(i), "203.0.113.1"));
        }
        writer.submit(event());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (log.all().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        assertThat(log.all())
                .as("the window has not ended: only the accepted request is stored")
                .hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        while (log.all().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(log.all()).hasSize(2);
        AuditEvent counted = log.all().get(1);
        assertThat(counted.occurrences()).isEqualTo(300);
        assertThat(counted.at()).isEqualTo(start);
        assertThat(counted.lastAt()).isEqualTo(start.plusMillis(299));
        assertThat(counted.requestId()).as("the requests differ in it").isNull();
        assertThat(counted.clientAddress()).isEqualTo("203.0.113.1");

        writer.submit(refusal(clock.instant(), "203.0.113.2"));
        writer.close();
        assertThat(log.all()).as("closing stores the window in progress").hasSize(3);
        assertThat(log.all().get(2).occurrences()).isEqualTo(1);
        assertThat(log.all().get(2).requestId()).as("one request keeps its id").isNotNull();
        assertThat(counter("facerec.audit.refusals.aggregated", null)).isEqualTo(301);
    }
}
