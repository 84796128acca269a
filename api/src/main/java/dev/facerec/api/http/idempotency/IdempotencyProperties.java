package dev.facerec.api.http.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.idempotency.*}.
 *
 * @param ttl {@code IDEMPOTENCY_TTL}: how long a key and its response are remembered
 * @param maxEntries {@code IDEMPOTENCY_MAX_ENTRIES}: the in-process store's bound
 */
@ConfigurationProperties("facerec.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("100000") long maxEntries) {
    public IdempotencyProperties {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("facerec.idempotency.ttl must be positive: " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("facerec.idempotency.max-entries must be positive: " + maxEntries);
        }
    }
}
