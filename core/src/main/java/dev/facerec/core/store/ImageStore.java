package dev.facerec.core.store;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable storage for enrolled face images. Keys are content-addressed (derived from the SHA-256 of the bytes), so
 * storing the same bytes twice yields the same key and stores them once.
 */
public interface ImageStore {
    /**
     * Stores the bytes and returns their key. Idempotent: storing identical bytes again returns the same key.
     *
     * @throws dev.facerec.core.FaceException {@code UNAVAILABLE} if the store cannot be reached
     */
    String put(byte[] bytes, String mediaType);

    /** The bytes stored under {@code key}, or empty if there are none. */
    Optional<byte[]> get(String key);

    /**
     * Whether an object is stored under {@code key} right now, asked without reading its bytes (a file's existence, an
     * S3 {@code HEAD}). A {@code true} says nothing about later: another node may delete the object the next moment.
     *
     * @throws dev.facerec.core.FaceException {@code UNAVAILABLE} if the store cannot be reached; {@code
     *     INVALID_REQUEST} if {@code key} is not a well-formed key
     */
    boolean contains(String key);

    /** Removes the object; removing a missing key is not an error. */
    void delete(String key);

    /** Whether the store is reachable and writable right now, for health checks. */
    boolean isAvailable();

    /**
     * Passes the key of every stored image to {@code action}, once each, in no particular order, for sweeping
     * images that no enrolled face refers to any more. Images stored or deleted while the walk runs may or may not be
     * seen; anything in the store that is not an image under a well-formed key is skipped.
     *
     * @throws dev.facerec.core.FaceException {@code UNAVAILABLE} if the store cannot be read; keys already passed stay
     *     passed
     */
    void forEachKey(Consumer<? super String> action);
}
