package dev.facerec.api.app.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.cache.*}: the embedding cache of query images.
 *
 * @param ttl {@code EMBEDDING_CACHE_TTL}: how long an analysed image is remembered
 * @param maxEntries {@code EMBEDDING_CACHE_MAX_ENTRIES}: the in-process cache's bound (Redis bounds itself)
 */
@ConfigurationProperties("facerec.cache")
public record CacheProperties(
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("10000") long maxEntries) {
    public CacheProperties {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("facerec.cache.ttl must be positive: " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("facerec.cache.max-entries must be positive: " + maxEntries);
        }
    }
}
