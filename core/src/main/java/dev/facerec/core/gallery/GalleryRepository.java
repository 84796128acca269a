package dev.facerec.core.gallery;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Durable storage of galleries. Implementations are transactional per call and thread-safe. */
public interface GalleryRepository {
    /**
     * Saves a new gallery.
     *
     * @throws dev.facerec.core.FaceException {@code CONFLICT} if a gallery with the same name exists
     */
    Gallery create(Gallery gallery);

    Optional<Gallery> find(UUID id);

    /** All galleries ordered by name. */
    List<Gallery> findAll();

    /** Deletes the gallery; returns whether it existed. */
    boolean delete(UUID id);
}
