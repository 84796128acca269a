package dev.facerec.api.http.idempotency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/** {@link IdempotencyStore} in this process's heap, bounded by entries, for the embedded default without Redis. */
public final class InProcessIdempotencyStore implements IdempotencyStore {
    private final Cache<String, Object> entries;

    public InProcessIdempotencyStore(Duration ttl, long maxEntries) {
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .build();
    }

    @Override
    public Claim claim(String key, String fingerprint) {
        Object existing = entries.asMap().putIfAbsent(key, new Claim.InProgress(fingerprint));
        return switch (existing) {
            case null -> new Claim.Claimed();
            case Claim.InProgress inProgress -> inProgress;
            case StoredResponse response -> new Claim.Completed(response);
            default -> throw new IllegalStateException("unexpected entry " + existing.getClass());
        };
    }

    @Override
    public void complete(String key, StoredResponse response) {
        entries.put(key, response);
    }

    @Override
    public void release(String key) {
        entries.invalidate(key);
    }
}
