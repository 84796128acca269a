package dev.facerec.storage.encrypted;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.store.ImageStore;
import dev.facerec.storage.ImageKeys;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Encrypts images at rest over any {@link ImageStore}: the inner store only ever sees AES-256-GCM envelopes.
 *
 * <p>Images are sealed deterministically (a synthetic nonce from the image and key, see
 * {@link KeyRing#sealDeterministically}), so the same photo under the same key gives the same envelope and the inner
 * store's content address, the SHA-256 of the envelope, still deduplicates. That address is also the better name:
 * the SHA-256 of the plain photo would let anyone holding a copy of the bucket confirm that a photo they have is
 * enrolled, while the envelope's hash reveals nothing without the key. On read the envelope's hash must equal the
 * key, so an object swapped for another under a different name is refused rather than shown as someone else.
 * Objects written before encryption (legacy plaintext) still read; key rotation re-stores them, under a new key.
 */
public final class EncryptingImageStore implements ImageStore, AutoCloseable {
    static final String CONTEXT = "facerec/image/v1";

    private final ImageStore inner;
    private final KeyRing keys;

    public EncryptingImageStore(ImageStore inner, KeyRing keys) {
        this.inner = requireNonNull(inner, "inner is null");
        this.keys = requireNonNull(keys, "keys is null");
    }

    /** The store that holds the envelopes, for health reports that say where images live. */
    public ImageStore inner() {
        return inner;
    }

    @Override
    public String put(byte[] bytes, String mediaType) {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(mediaType, "mediaType is null");
        return inner.put(keys.sealDeterministically(bytes, CONTEXT), mediaType);
    }

    /** The key {@link #put} gives {@code bytes} under the current key, without storing them. */
    public String keyOf(byte[] bytes) {
        return ImageKeys.of(keys.sealDeterministically(requireNonNull(bytes, "bytes is null"), CONTEXT));
    }

    /** @throws FaceException {@code DATA_INTEGRITY} if the stored object is not the one its key names */
    @Override
    public Optional<byte[]> get(String key) {
        ImageKeys.requireValid(key);
        return inner.get(key).map(stored -> {
            if (!ImageKeys.of(stored).equals(key)) {
                throw new FaceException(
                        FaceErrorCode.DATA_INTEGRITY,
                        "The stored image " + key + " is not the object stored under that name; it was replaced.");
            }
            return keys.open(stored, CONTEXT);
        });
    }

    /**
     * Asks the inner store: keys are the inner store's names for the envelopes. The object is not opened, so an
     * envelope under an older key, or a tampered one, still counts as there; {@link #get} is where that shows.
     */
    @Override
    public boolean contains(String key) {
        return inner.contains(ImageKeys.requireValid(key));
    }

    @Override
    public void delete(String key) {
        inner.delete(key);
    }

    @Override
    public boolean isAvailable() {
        return inner.isAvailable();
    }

    @Override
    public void forEachKey(Consumer<? super String> action) {
        inner.forEachKey(action);
    }

    /** Closes the inner store when it holds resources (the S3 store's HTTP client). */
    @Override
    public void close() throws Exception {
        if (inner instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "EncryptingImageStore[" + inner + ", " + keys + "]";
    }
}
