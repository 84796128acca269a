package dev.facerec.core.testing;

import dev.facerec.core.gallery.GalleryAccessRepository;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link GalleryAccessRepository} in memory; it does not check that the gallery exists. */
public final class InMemoryGalleryAccess implements GalleryAccessRepository {
    private final Map<UUID, Set<String>> entries = new ConcurrentHashMap<>();

    @Override
    public Set<String> principals(UUID galleryId) {
        return Set.copyOf(entries.getOrDefault(galleryId, Set.of()));
    }

    @Override
    public void replace(UUID galleryId, Set<String> principals) {
        if (principals.isEmpty()) {
            entries.remove(galleryId);
        } else {
            entries.put(galleryId, new TreeSet<>(principals));
        }
    }

    @Override
    public Set<UUID> restrictedGalleries() {
        return Set.copyOf(entries.keySet());
    }

    public void clear() {
        entries.clear();
    }
}
