package dev.facerec.core.gallery;

import java.util.Set;
import java.util.UUID;

/**
 * Which callers may use a gallery. A gallery without entries is open to every caller whose role allows the
 * operation; a gallery with entries only to the callers named (user names, {@code key:<prefix>} for API keys, the
 * subject name of external tokens) and to administrators. Entries go with their gallery when it is deleted.
 * Implementations are transactional per call and thread-safe.
 */
public interface GalleryAccessRepository {
    /** The callers named for {@code galleryId}; empty when the gallery is open. */
    Set<String> principals(UUID galleryId);

    /** Replaces the callers named for {@code galleryId}; an empty set opens the gallery. */
    void replace(UUID galleryId, Set<String> principals);

    /** The galleries that have any entry, that is the restricted ones. */
    Set<UUID> restrictedGalleries();
}
