package dev.facerec.core.testing;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.index.GalleryIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A brute-force {@link GalleryIndex}: exact, simple, slow; with a switch to make additions fail. */
public final class InMemoryGalleryIndex implements GalleryIndex {
    private final Map<UUID, Map<UUID, Entry>> galleries = new ConcurrentHashMap<>();
    private volatile boolean failAdds;

    public void failAdds(boolean fail) {
        this.failAdds = fail;
    }

    @Override
    public synchronized void add(UUID galleryId, UUID personId, UUID faceId, Embedding embedding) {
        requireNonNull(embedding, "embedding is null");
        if (failAdds) {
            throw new IllegalStateException("index add failed (injected)");
        }
        galleries.computeIfAbsent(galleryId, id -> new HashMap<>()).put(faceId, new Entry(personId, faceId, embedding));
    }

    @Override
    public synchronized boolean remove(UUID galleryId, UUID faceId) {
        Map<UUID, Entry> gallery = galleries.get(galleryId);
        return gallery != null && gallery.remove(faceId) != null;
    }

    @Override
    public synchronized int removeGallery(UUID galleryId) {
        Map<UUID, Entry> gallery = galleries.remove(galleryId);
        return gallery == null ? 0 : gallery.size();
    }

    @Override
    public synchronized List<Candidate> search(UUID galleryId, Embedding query, int limit) {
        Map<UUID, Candidate> bestPerPerson = new HashMap<>();
        for (Entry entry : galleries.getOrDefault(galleryId, Map.of()).values()) {
            if (!entry.embedding.modelId().equals(query.modelId())) {
                continue;
            }
            float similarity = query.similarity(entry.embedding);
            bestPerPerson.merge(
                    entry.personId,
                    new Candidate(entry.personId, entry.faceId, similarity),
                    (a, b) -> a.similarity() >= b.similarity() ? a : b);
        }
        List<Candidate> ranked = new ArrayList<>(bestPerPerson.values());
        ranked.sort(Comparator.comparingDouble(Candidate::similarity).reversed());
        return List.copyOf(ranked.subList(0, Math.min(limit, ranked.size())));
    }

    @Override
    public synchronized int size(UUID galleryId, String modelId) {
        return (int) galleries.getOrDefault(galleryId, Map.of()).values().stream()
                .filter(entry -> entry.embedding.modelId().equals(modelId))
                .count();
    }

    @Override
    public synchronized Map<UUID, Integer> facesPerGallery() {
        Map<UUID, Integer> sizes = new HashMap<>();
        galleries.forEach((galleryId, faces) -> {
            if (!faces.isEmpty()) {
                sizes.put(galleryId, faces.size());
            }
        });
        return sizes;
    }

    @Override
    public synchronized long memoryBytes() {
        return galleries.values().stream()
                .mapToLong(gallery -> gallery.values().stream()
                        .mapToLong(entry -> 4L * entry.embedding.dimension() + 64)
                        .sum())
                .sum();
    }

    /** Whether the face is indexed in the gallery. */
    public synchronized boolean contains(UUID galleryId, UUID faceId) {
        return galleries.getOrDefault(galleryId, Map.of()).containsKey(faceId);
    }

    public synchronized void clear() {
        galleries.clear();
    }

    private record Entry(UUID personId, UUID faceId, Embedding embedding) {}
}
