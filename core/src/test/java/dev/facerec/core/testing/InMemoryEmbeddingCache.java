package dev.facerec.core.testing;

import dev.facerec.core.cache.EmbeddingCache;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An unbounded {@link EmbeddingCache} that counts its hits, with a switch to make evictions fail. */
public final class InMemoryEmbeddingCache implements EmbeddingCache {
    private final Map<String, List<AnalysedFace>> entries = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile boolean failEvictions;

    /** Every later {@link #evict} throws, like a backend gone away; {@code false} heals. */
    public void failEvictions(boolean fail) {
        this.failEvictions = fail;
    }

    @Override
    public Optional<List<AnalysedFace>> get(String imageSha256, String modelId) {
        List<AnalysedFace> faces = entries.get(modelId + ":" + imageSha256);
        if (faces != null) {
            hits.incrementAndGet();
        }
        return Optional.ofNullable(faces);
    }

    @Override
    public void put(String imageSha256, String modelId, List<AnalysedFace> faces) {
        entries.put(modelId + ":" + imageSha256, List.copyOf(faces));
    }

    @Override
    public boolean evict(String imageSha256, String modelId) {
        if (failEvictions) {
            throw new IllegalStateException("cache backend unreachable");
        }
        return entries.remove(modelId + ":" + imageSha256) != null;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    public int hits() {
        return hits.get();
    }

    public int size() {
        return entries.size();
    }

    public void clear() {
        entries.clear();
        hits.set(0);
    }
}
