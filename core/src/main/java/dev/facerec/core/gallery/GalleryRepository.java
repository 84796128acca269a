package dev.facerec.core.gallery;

import dev.facerec.core.person.Deletion;
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

    /**
     * Sets (or, with null, clears) the gallery's retention; the gallery as it is now, or empty if there is no such
     * gallery.
     */
    Optional<Gallery> updateRetention(UUID id, Integer retentionDays);

    /** All galleries ordered by name. */
    List<Gallery> findAll();

    /**
     * Deletes the gallery and, in the same transaction, its persons and faces (logging the faces' removal); what was
     * deleted, or empty if there was no such gallery.
     */
    Optional<Deletion> delete(UUID id);
}
