package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceException;
import dev.facerec.core.usecase.PreparedFace;
import dev.facerec.core.usecase.Sha256;

/**
 * One photo of a job on its way through {@link ItemEnrolment}: read from the archive (or refused there), then with its
 * face computed (or refused by the pipeline).
 *
 * @param bytes the photo; null when the archive entry was refused
 * @param sha256 the hex SHA-256 of {@code bytes}; null with them
 * @param face the computed face; null until computed, or when refused
 * @param refusal why the photo cannot be enrolled; null when it can or was not computed yet
 */
record Photo(ArchiveItem item, byte[] bytes, String sha256, PreparedFace face, FaceException refusal) {
    Photo {
        requireNonNull(item, "item is null");
        if ((bytes == null) != (sha256 == null)) {
            throw new IllegalArgumentException("bytes and their sha256 go together");
        }
        if (bytes == null && refusal == null) {
            throw new IllegalArgumentException("a photo without bytes needs its refusal");
        }
        if (face != null && refusal != null) {
            throw new IllegalArgumentException("a photo is either computed or refused");
        }
    }

    static Photo read(ArchiveItem item, byte[] bytes) {
        return new Photo(item, bytes, Sha256.hex(bytes), null, null);
    }

    static Photo unreadable(ArchiveItem item, FaceException refusal) {
        return new Photo(item, null, null, null, requireNonNull(refusal, "refusal is null"));
    }

    /** Whether nothing is left to compute: the face, or a refusal. */
    boolean computed() {
        return face != null || refusal != null;
    }

    Photo with(PreparedFace computed) {
        return new Photo(item, bytes, sha256, requireNonNull(computed, "computed is null"), null);
    }

    Photo refused(FaceException reason) {
        return new Photo(item, bytes, sha256, null, requireNonNull(reason, "reason is null"));
    }
}
