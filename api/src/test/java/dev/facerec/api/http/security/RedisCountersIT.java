package dev.facerec.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.app.cache.RedisConnector;
import dev.facerec.api.app.cache.RedisProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Counters shared by two replicas through the real Redis on this machine, and each replica counting for itself when
 * Redis does not answer.
 */
class RedisCountersIT {
    @Test
    void twoReplicasShareOneCountAndTheWindowExpires() throws Exception {
        var properties = new RedisProperties(
                System.getProperty("facerec.redis.host", "127.0.0.1"), 6379, "", Duration.ofSeconds(2));
        try (var first = new RedisConnector(properties);
                var second = new RedisConnector(properties)) {
            var replicaA = new RedisCounters(first, new InProcessCounters(100, Clock.systemUTC()));
            var replicaB = new RedisCounters(second, new InProcessCounters(100, Clock.systemUTC()));
            String key = "it:" + UUID.randomUUID();
            assertThat(replicaA.increment(key, Duration.ofMillis(800))).isEqualTo(1);
            assertThat(replicaB.increment(key, Duration.ofMillis(800))).isEqualTo(2);
            assertThat(replicaA.count(key)).isEqualTo(2);
            Thread.sleep(1_000);
            assertThat(replicaB.count(key)).as("the window expired").isZero();
            replicaA.increment(key, Duration.ofMinutes(1));
            replicaB.reset(key);
            assertThat(replicaA.count(key)).isZero();
        }
    }

    @Test
    void withoutRedisEachReplicaCountsForItself() {
        var unreachable = new RedisProperties("127.0.0.1", 1, "", Duration.ofMillis(300));
        try (var connector = new RedisConnector(unreachable)) {
            var counters = new RedisCounters(connector, new InProcessCounters(100, Clock.systemUTC()));
            assertThat(counters.increment("k", Duration.ofMinutes(1))).isEqualTo(1);
            assertThat(counters.increment("k", Duration.ofMinutes(1))).isEqualTo(2);
            assertThat(counters.count("k")).isEqualTo(2);
        }
    }
}
