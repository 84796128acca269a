package dev.facerec.core.migration;

import dev.facerec.core.face.Embedding;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Faces' embeddings by a model other than the one each face was enrolled with, stored next to the face's own and
 * sealed like it. What a model migration writes and, after the switch-over, what the index of the new model reads.
 * Every method is a short transaction of its own.
 */
public interface ModelEmbeddings {
    /** How many faces have neither been enrolled with {@code modelId} nor been given an embedding of it. */
    long countWithout(String modelId);

    /** How many faces exist (every model). */
    long countFaces();

    /**
     * Up to {@code limit} faces that {@link #countWithout} counts, with an id after {@code after} (null: from the
     * start), in id order: what re-embedding one needs.
     */
    List<MigrationSource> facesWithout(String modelId, UUID after, int limit);

    /**
     * Stores the face's embedding of {@code embedding.modelId()}, replacing one stored before (so storing twice is
     * harmless), sealed under the current key.
     *
     * @return false, storing nothing, if the face no longer exists (an erased face is never given an embedding)
     */
    boolean store(UUID faceId, Embedding embedding);

    /** The face's embedding of {@code modelId}: the face's own if it was enrolled with it, else a stored one. */
    Optional<Embedding> find(UUID faceId, String modelId);

    /**
     * Every face that has an embedding of {@code modelId}, its own or a stored one, as enrolled faces carrying that
     * embedding, gallery by gallery: what an index of that model is built from.
     *
     * @return how many faces were handed to the consumer
     */
    long forEachFace(String modelId, Consumer<dev.facerec.core.person.EnrolledFace> consumer);

    /**
     * The switch-over (and its rollback): each face with a stored {@code modelId} embedding takes it as its own, and
     * its own embedding is stored in its place under the face's previous model, in one transaction under the face
     * write lock. Faces without one are left as they are. Envelopes move as they are: each is bound to its face and
     * model, not to a column.
     *
     * @return how many faces now hold a {@code modelId} embedding as their own that did not before
     */
    default long swap(String modelId) {
        return swap(modelId, () -> {});
    }

    /**
     * {@link #swap(String)}, running {@code underLock} first in the same transaction, under the face write lock: no
     * face is enrolled or erased between the step and the commit, so what the step checks still holds when the swap
     * commits, and what it writes through another port of the same database (the migration's new state) commits with
     * the swap or not at all. If the step throws, nothing is swapped and its exception is thrown as it is.
     */
    long swap(String modelId, Runnable underLock);

    /** Deletes every stored embedding of {@code modelId} (faces' own embeddings are not touched); how many. */
    long drop(String modelId);
}
