package dev.facerec.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.app.cache.RedisConnector;
import dev.facerec.api.app.cache.RedisProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Known addresses shared by two replicas through the real Redis on this machine, and kept locally without it. */
class RedisKnownAddressesIT {
    private static final Duration MONTH = Duration.ofDays(30);

    @Test
    void anAddressThatSignedInThroughOneReplicaIsKnownToTheOtherWithinTheBound() throws Exception {
        var properties = new RedisProperties(
                System.getProperty("facerec.redis.host", "127.0.0.1"), 6379, "", Duration.ofSeconds(2));
        try (var first = new RedisConnector(properties);
                var second = new RedisConnector(properties)) {
            var replicaA = replica(first);
            var replicaB = replica(second);
            String account = "it-" + UUID.randomUUID();
            replicaA.remember(account, "2001:db8::1", MONTH);
            assertThat(replicaB.isKnown(account, "2001:db8::1")).isTrue();
            assertThat(replicaB.isKnown(account, "2001:db8::2")).isFalse();
            assertThat(replicaB.isKnown("other-" + account, "2001:db8::1")).isFalse();

            for (int i = 2; i <= 4; i++) {
                replicaB.remember(account, "2001:db8::" + i, MONTH);
            }
            assertThat(replica(first).isKnown(account, "2001:db8::1"))
                    .as("pushed out by three more recent ones")
                    .isFalse();
            assertThat(replica(first).isKnown(account, "2001:db8::4")).isTrue();

            replicaA.remember(account, "2001:db8::5", Duration.ofMillis(300));
            Thread.sleep(500);
            assertThat(replica(first).isKnown(account, "2001:db8::5"))
                    .as("its lifetime ended")
                    .isFalse();
        }
    }

    @Test
    void withoutRedisAReplicaKnowsWhatItSawItself() {
        var unreachable = new RedisProperties("127.0.0.1", 1, "", Duration.ofMillis(300));
        try (var connector = new RedisConnector(unreachable)) {
            var known = replica(connector);
            known.remember("alice", "10.0.0.1", MONTH);
            assertThat(known.isKnown("alice", "10.0.0.1")).isTrue();
            assertThat(known.isKnown("alice", "10.0.0.2")).isFalse();
        }
    }

    /** A replica with its own, empty, local memory. */
    private static RedisKnownAddresses replica(RedisConnector connector) {
        return new RedisKnownAddresses(
                connector, new InProcessKnownAddresses(100, 3, Clock.systemUTC()), 3, Clock.systemUTC());
    }
}
