package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

/**
 * An object as a bucket listing shows it.
 *
 * @param key the object's full key
 * @param size its size in bytes, as listed
 * @param etag its entity tag without quotes; null when the store gives none (or one too long to keep)
 */
public record BucketObject(String key, long size, String etag) {
    /** Entity tags are hashes, a few dozen characters; a longer one is not kept, and the size check remains. */
    public static final int MAX_ETAG_LENGTH = 200;

    public BucketObject {
        requireNonNull(key, "key is null");
        if (size < 0) {
            throw new IllegalArgumentException("size must be 0 or more: " + size);
        }
        etag = normalize(etag);
    }

    /** An entity tag without its quotes (stores differ in whether they send them); null for a blank or long one. */
    public static String normalize(String etag) {
        if (etag == null) {
            return null;
        }
        String bare = etag.strip();
        if (bare.startsWith("W/")) {
            bare = bare.substring(2);
        }
        if (bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return bare.isEmpty() || bare.length() > MAX_ETAG_LENGTH ? null : bare;
    }
}
