package dev.facerec.core.job;

import java.util.List;

/**
 * The deployment's S3 bucket as jobs read it: photos an operator put under the import root ({@link ImportPrefix}),
 * never the service's own images. Implementations refuse any prefix or key outside the root they were given, and every
 * call they make has a timeout. Thread-safe.
 */
public interface ImportBucket {
    /**
     * The objects whose keys start with {@code prefix}, in key order, at most {@code limit} of them: a caller that asks
     * for one more than it accepts can tell there are too many without listing them all. Empty when the bucket does not
     * exist.
     *
     * @throws dev.facerec.core.FaceException {@code INVALID_REQUEST} for a prefix outside the import root;
     *     {@code UNAVAILABLE} when the bucket cannot be reached
     */
    List<BucketObject> list(ImportPrefix prefix, int limit);

    /**
     * The bytes of an object, provided it is still the version that was listed. Reads at most {@code maxBytes} (and
     * one more, to tell) whatever the object's declared size.
     *
     * @param etag the entity tag it was listed with; null to read whatever version is there
     * @throws dev.facerec.core.FaceException {@code NOT_FOUND} when the object is gone; {@code CONFLICT} when it has
     *     another entity tag now; {@code IMAGE_TOO_LARGE} above {@code maxBytes}; {@code INVALID_REQUEST} for a key
     *     outside the import root; {@code UNAVAILABLE} when the bucket cannot be reached
     */
    byte[] read(String key, String etag, long maxBytes);
}
