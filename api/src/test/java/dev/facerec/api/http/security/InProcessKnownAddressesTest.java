package dev.facerec.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InProcessKnownAddressesTest {
    private static final Duration MONTH = Duration.ofDays(30);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InProcessKnownAddresses known = new InProcessKnownAddresses(100, 3, clock);

    @Test
    void anAddressIsKnownToTheAccountItSignedInToUntilItsLifetimeEnds() {
        known.remember("alice", "10.0.0.1", MONTH);
        assertThat(known.isKnown("alice", "10.0.0.1")).isTrue();
        assertThat(known.isKnown("alice", "10.0.0.2")).isFalse();
        assertThat(known.isKnown("bob", "10.0.0.1")).as("another account").isFalse();

        clock.advance(MONTH.minusSeconds(1));
        known.remember("alice", "10.0.0.2", MONTH);
        assertThat(known.isKnown("alice", "10.0.0.1")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(known.isKnown("alice", "10.0.0.1")).as("a month after").isFalse();
        assertThat(known.isKnown("alice", "10.0.0.2")).isTrue();
    }

    @Test
    void eachAccountKeepsItsMostRecentAddressesSoNoOtherAccountCanPushThemOut() {
        known.remember("alice", "10.0.0.1", MONTH);
        for (int i = 0; i < 50; i++) {
            known.remember("mallory", "192.0.2." + i, MONTH);
        }
        assertThat(known.isKnown("alice", "10.0.0.1")).isTrue();
        assertThat(known.isKnown("mallory", "192.0.2.49")).isTrue();
        assertThat(known.isKnown("mallory", "192.0.2.46"))
                .as("beyond the last three")
                .isFalse();

        known.remember("alice", "10.0.0.2", MONTH);
        known.remember("alice", "10.0.0.3", MONTH);
        known.remember("alice", "10.0.0.1", MONTH);
        known.remember("alice", "10.0.0.4", MONTH);
        assertThat(known.isKnown("alice", "10.0.0.1"))
                .as("signed in again: recent")
                .isTrue();
        assertThat(known.isKnown("alice", "10.0.0.2"))
                .as("the least recent goes first")
                .isFalse();
    }
}
