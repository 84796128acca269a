package dev.facerec.api.app.health;

import dev.facerec.api.app.cache.InProcessEmbeddingCache;
import dev.facerec.api.app.cache.RedisEmbeddingCache;
import dev.facerec.api.app.metrics.CountedEmbeddingCache;
import dev.facerec.core.cache.EmbeddingCache;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code embeddingCache} component. A cache that does not answer never fails a request (it misses), so the
 * service is {@link #DEGRADED}, slower but correct, rather than down; the readiness group leaves the cache out.
 */
final class EmbeddingCacheHealthIndicator extends TimedHealthIndicator {
    /** Mapped to HTTP 200 and ordered between DOWN and UP in application.yml. */
    static final Status DEGRADED = new Status("DEGRADED");

    private final EmbeddingCache cache;

    EmbeddingCacheHealthIndicator(EmbeddingCache cache) {
        this.cache = cache;
    }

    @Override
    String kind() {
        return kindOf(cache);
    }

    /** The store behind any decorator: operators care whether it is Redis, not that hits are counted. */
    private static String kindOf(EmbeddingCache cache) {
        return switch (cache) {
            case RedisEmbeddingCache redis -> "redis";
            case InProcessEmbeddingCache inProcess -> "in-process";
            case CountedEmbeddingCache counted -> kindOf(counted.delegate());
            default -> cache.getClass().getSimpleName();
        };
    }

    @Override
    Health.Builder check() {
        return cache.isAvailable()
                ? Health.up()
                : Health.status(DEGRADED)
                        .withDetail(REASON, "the cache does not answer; faces are computed again on every request");
    }
}
