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
     * Makes each face's stored {@code modelId} embedding its own, in place of the one it was enrolled with (which is
     * dropped), and deletes the stored ones; faces without one keep theirs. The envelope moves as it is: it is bound
     * to the face and model, not to the column.
     *
     * @return how many faces now hold a {@code modelId} embedding as their own
     */
    long promote(String modelId);

    /** Deletes every stored embedding of {@code modelId} (faces' own embeddings are not touched); how many. */
    long drop(String modelId);
}
