package dev.facerec.api.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.api.app.cache.InProcessEmbeddingCache;
import dev.facerec.core.testing.InMemoryEmbeddingCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountedEmbeddingCacheTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsHitsAndMissesFromZero() {
        var cache = new CountedEmbeddingCache(new InProcessEmbeddingCache(Duration.ofHours(1), 10), registry);
        assertThat(count("hit")).isZero();
        assertThat(count("miss")).isZero();
        assertThat(count("error")).isZero();

        assertThat(cache.get("abc", "m1")).isEmpty();
        cache.put("abc", "m1", List.of());
        assertThat(cache.get("abc", "m1")).contains(List.of());
        assertThat(cache.get("abc", "m1")).isPresent();

        assertThat(count("hit")).isEqualTo(2);
        assertThat(count("miss")).isEqualTo(1);
        assertThat(count("error")).isZero();
    }

    @Test
    void evictionsAndWritesAreNotLookupsAndTheirFailuresStillSurface() {
        InMemoryEmbeddingCache plain = new InMemoryEmbeddingCache();
        var cache = new CountedEmbeddingCache(plain, registry);
        cache.put("abc", "m1", List.of());
        assertThat(cache.evict("abc", "m1")).isTrue();
        plain.failEvictions(true);

        assertThatThrownBy(() -> cache.evict("abc", "m1")).isInstanceOf(IllegalStateException.class);
        assertThat(count("hit") + count("miss") + count("error")).isZero();
        assertThat(cache.isAvailable()).isTrue();
    }

    private double count(String result) {
        return registry.get("facerec.embedding.cache.requests")
                .tag("result", result)
                .counter()
                .count();
    }
}
