package dev.facerec.api.app.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.facerec.core.cache.EmbeddingCache;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link EmbeddingCache} in this process's heap, bounded by entries, for the embedded default without Redis. */
public final class InProcessEmbeddingCache implements EmbeddingCache {
    private final Cache<String, List<AnalysedFace>> entries;

    public InProcessEmbeddingCache(Duration ttl, long maxEntries) {
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .build();
    }

    @Override
    public Optional<List<AnalysedFace>> get(String imageSha256, String modelId) {
        return Optional.ofNullable(entries.getIfPresent(modelId + ":" + imageSha256));
    }

    @Override
    public void put(String imageSha256, String modelId, List<AnalysedFace> faces) {
        entries.put(modelId + ":" + imageSha256, List.copyOf(faces));
    }

    @Override
    public boolean evict(String imageSha256, String modelId) {
        return entries.asMap().remove(modelId + ":" + imageSha256) != null;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }
}
