package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.EnrolledFace;
import java.lang.System.Logger.Level;
import java.util.UUID;

/**
 * Applies a committed change to the local index right away, so the next search in this process sees it. The face rows
 * are the truth and every change is in the change log, so a failure here is logged and left to the
 * {@link IndexSynchronizer}, whose next catch-up applies the same change again (index operations are idempotent).
 */
final class IndexUpdates {
    private static final System.Logger log = System.getLogger(IndexUpdates.class.getName());

    private final GalleryIndex index;

    IndexUpdates(GalleryIndex index) {
        this.index = requireNonNull(index, "index is null");
    }

    void added(EnrolledFace face) {
        try {
            index.add(face.galleryId(), face.personId(), face.id(), face.embedding());
        } catch (RuntimeException e) {
            log.log(
                    Level.WARNING,
                    "Face " + face.id() + " is saved but not yet in the index; the synchronizer adds it",
                    e);
        }
    }

    /** Returns whether the face was in the index and is not any more. */
    boolean removed(UUID galleryId, UUID faceId) {
        try {
            return index.remove(galleryId, faceId);
        } catch (RuntimeException e) {
            log.log(
                    Level.WARNING,
                    "Face " + faceId + " is deleted but still in the index; the synchronizer removes it",
                    e);
            return false;
        }
    }

    /** Returns how many faces the dropped partition still held. */
    int removedGallery(UUID galleryId) {
        try {
            return index.removeGallery(galleryId);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "Gallery " + galleryId + " is deleted but its index partition remains", e);
            return 0;
        }
    }
}
