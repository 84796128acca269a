package dev.facerec.core.person;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * One entry of the durable change log: a face was added to or removed from a gallery. Sequence numbers increase
 * strictly with commit order as seen by readers (gaps are allowed).
 */
public record FaceChange(long sequence, Kind kind, UUID galleryId, UUID personId, UUID faceId) {
    public FaceChange {
        requireNonNull(kind, "kind is null");
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(personId, "personId is null");
        requireNonNull(faceId, "faceId is null");
    }

    /** What happened. */
    public enum Kind {
        ADDED,
        REMOVED
    }
}
