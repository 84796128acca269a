package dev.facerec.core.index;

import dev.facerec.core.face.Embedding;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The in-memory 1:N search structure, one partition per gallery and recognition model. The database is the source
 * of truth: an index is rebuilt from it at start-up and kept current from the change log. Thread-safe: searches run
 * concurrently with additions and removals.
 */
public interface GalleryIndex {
    /** Adds or replaces the face; idempotent, so replaying a change twice is harmless. */
    void add(UUID galleryId, UUID personId, UUID faceId, Embedding embedding);

    /** Removes the face if present; idempotent. Returns whether it was present (in any model's partition). */
    boolean remove(UUID galleryId, UUID faceId);

    /** Drops a whole gallery partition (all models); returns how many faces it still held. */
    int removeGallery(UUID galleryId);

    /**
     * The best {@code limit} persons for the query, one entry per person (a person with several faces is scored by
     * its best face), best first, with similarities equal to an exact float32 cosine of the stored embeddings.
     * Only embeddings of the query's model are searched. An empty or unknown gallery gives an empty list.
     */
    List<Candidate> search(UUID galleryId, Embedding query, int limit);

    /** Faces held for the gallery and model. */
    int size(UUID galleryId, String modelId);

    /**
     * Faces held per gallery, all models together, for metrics: a snapshot taken without scanning the faces (the cost
     * grows with the number of galleries, not faces). Galleries that hold no face may be absent.
     */
    Map<UUID, Integer> facesPerGallery();

    /** Bytes held in memory by all partitions, for metrics and capacity planning. */
    long memoryBytes();

    /** One match: the person, the face that matched best and the exact similarity. */
    record Candidate(UUID personId, UUID faceId, float similarity) {}
}
