package dev.facerec.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Face rows of one gallery were deleted, and this replica has removed them from its index and cleaned up after them;
 * other replicas remove them when they replay the change log.
 *
 * @param faces at least one
 * @param reason why they went
 * @param receiptId the erasure receipt the caller got (a retention sweep issues one per batch)
 */
public record FacesErased(UUID galleryId, List<ErasedFace> faces, Reason reason, UUID receiptId, Instant occurredAt)
        implements DomainEvent {
    public FacesErased {
        requireNonNull(galleryId, "galleryId is null");
        faces = List.copyOf(faces);
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("faces is empty");
        }
        requireNonNull(reason, "reason is null");
        requireNonNull(receiptId, "receiptId is null");
        requireNonNull(occurredAt, "occurredAt is null");
    }

    /** One erased face and the person it belonged to (who may be gone too, see {@link #reason()}). */
    public record ErasedFace(UUID faceId, UUID personId) {
        public ErasedFace {
            requireNonNull(faceId, "faceId is null");
            requireNonNull(personId, "personId is null");
        }
    }

    public enum Reason {
        /** One face was withdrawn; its person stays. */
        FACE_DELETED,
        /** Its person was erased; a {@link PersonChanged} {@link ChangeKind#ERASED} follows. */
        PERSON_ERASED,
        /** Its gallery was erased; a {@link GalleryChanged} {@link ChangeKind#ERASED} follows. */
        GALLERY_ERASED,
        /** It was older than its gallery's retention period; its person stays. */
        RETENTION_EXPIRED
    }
}
