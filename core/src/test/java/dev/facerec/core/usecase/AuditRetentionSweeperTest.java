package dev.facerec.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.testing.AuditEvents;
import dev.facerec.core.testing.InMemoryAuditLog;
import dev.facerec.core.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRetentionSweeperTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final MovableClock clock = new MovableClock(NOW);

    private static AuditEvent event(Instant at) {
        return AuditEvents.galleriesListed(at);
    }

    @Test
    void deletesEventsOlderThanTheRetentionInBatchesAndKeepsNewerOnes() {
        List<AuditEvent> old = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            old.add(event(NOW.minus(Duration.ofDays(40 + i))));
        }
        AuditEvent young = event(NOW.minus(Duration.ofDays(29)));
        AuditEvent justInside = event(NOW.minus(Duration.ofDays(30)));
        log.record(old);
        log.record(List.of(young, justInside));
        List<Long> batches = new ArrayList<>();

        var sweeper = new AuditRetentionSweeper(log, Duration.ofDays(30), 3, clock);
        assertThat(sweeper.sweep(batches::add)).isEqualTo(7);

        assertThat(batches).as("three transactions of at most 3").containsExactly(3L, 3L, 1L);
        assertThat(log.all()).as("the cutoff itself is kept").containsExactlyInAnyOrder(young, justInside);
        assertThat(sweeper.sweep(batches::add)).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(sweeper.sweep(batches::add)).isEqualTo(2);
        assertThat(log.all()).isEmpty();
    }

    @Test
    void aRetentionMustBePositive() {
        assertThatThrownBy(() -> new AuditRetentionSweeper(log, Duration.ZERO, 10, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditRetentionSweeper(log, Duration.ofDays(1), 0, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
