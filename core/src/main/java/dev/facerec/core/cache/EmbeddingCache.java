package dev.facerec.core.cache;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import java.util.List;
import java.util.Optional;

/**
 * Remembers the faces and embeddings found in an image, keyed by the image's SHA-256 and the recognition model, so
 * that a repeated query image is neither decoded nor embedded twice. A cache never fails a request: when its backend
 * is unavailable, {@link #get} misses and {@link #put} is a no-op, and {@link #isAvailable()} says so.
 */
public interface EmbeddingCache {
    Optional<List<AnalysedFace>> get(String imageSha256, String modelId);

    void put(String imageSha256, String modelId, List<AnalysedFace> faces);

    /**
     * Forgets the entry for the image and model, for erasure: a photo enrolled for a person may also have been sent
     * as a query, and its faces and embeddings must not outlive the person's erasure. Unlike {@link #get} and
     * {@link #put}, a failure is reported, because the caller has to say that the entry may remain until it expires.
     *
     * @return whether there was an entry
     * @throws IllegalStateException if the backend cannot be reached
     */
    boolean evict(String imageSha256, String modelId);

    /** Whether the backend answers right now (an in-process cache always does). */
    boolean isAvailable();

    /** A face found in a cached image with its embedding. */
    record AnalysedFace(DetectedFace face, Embedding embedding) {}
}
