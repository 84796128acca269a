package dev.facerec.api.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.app.metrics.CountedEmbeddingCache;
import dev.facerec.core.cache.EmbeddingCache;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Binding of facerec.redis / facerec.cache, and the choice between Redis and in-process by REDIS_HOST alone. */
class CachePropertiesTest {
    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(CacheConfiguration.class);

    @Test
    void withoutARedisHostTheCacheIsInProcess() {
        context.withPropertyValues("facerec.redis.host=").run(started -> {
            assertThat(started).hasSingleBean(EmbeddingCache.class);
            assertThat(started.getBean(EmbeddingCache.class))
                    .isInstanceOfSatisfying(
                            CountedEmbeddingCache.class,
                            counted -> assertThat(counted.delegate()).isInstanceOf(InProcessEmbeddingCache.class));
            assertThat(started).doesNotHaveBean(RedisConnector.class);
            assertThat(started.getBean(CacheProperties.class))
                    .isEqualTo(new CacheProperties(Duration.ofHours(24), 10_000));
        });
    }

    @Test
    void aRedisHostSwitchesToRedisAndThePasswordIsNeverPrinted() {
        context.withPropertyValues(
                        "facerec.redis.host=127.0.0.1",
                        "facerec.redis.port=6380",
                        "facerec.redis.password=hunter2",
                        "facerec.redis.timeout=2s",
                        "facerec.cache.ttl=1h")
                .run(started -> {
                    assertThat(started.getBean(EmbeddingCache.class))
                            .isInstanceOfSatisfying(
                                    CountedEmbeddingCache.class,
                                    counted -> assertThat(counted.delegate()).isInstanceOf(RedisEmbeddingCache.class));
                    RedisProperties redis = started.getBean(RedisProperties.class);
                    assertThat(redis.port()).isEqualTo(6380);
                    assertThat(redis.timeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(redis.toString()).doesNotContain("hunter2").contains("******");
                });
    }

    @Test
    void theInProcessCacheIsBoundedAndKeyedByModel() {
        var cache = new InProcessEmbeddingCache(Duration.ofHours(1), 10);
        cache.put("abc", "m1", List.of(RedisEmbeddingCacheIT.analysed("alice", 1)));
        assertThat(cache.get("abc", "m1")).isPresent();
        assertThat(cache.get("abc", "m2")).isEmpty();
    }

    @Test
    void aRecurringWarningIsLoggedOncePerInterval() {
        var clock = new java.util.concurrent.atomic.AtomicLong(0);
        var warning = new ThrottledWarning(
                LoggerFactory.getLogger(CachePropertiesTest.class), Duration.ofMinutes(1), new java.time.Clock() {
                    @Override
                    public ZoneOffset getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public java.time.Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return Instant.ofEpochMilli(clock.get());
                    }
                });
        var failure = new IllegalStateException("down");
        assertThat(warning.warn("Redis", failure)).isTrue();
        assertThat(warning.warn("Redis", failure)).isFalse();
        clock.set(Duration.ofSeconds(61).toMillis());
        assertThat(warning.warn("Redis", failure)).isTrue();
    }
}
