package dev.facerec.core.crypto;

import dev.facerec.core.person.FaceRepository;
import java.util.List;
import java.util.UUID;

/**
 * What key rotation needs from the database: which faces' embeddings and images are not yet sealed under a key, and
 * the means to move them under the current one. Every method is a short transaction of its own, so rotation runs
 * beside normal traffic; faces are never changed otherwise, so re-sealing one cannot overwrite a concurrent edit.
 */
public interface EncryptedFaces {
    /** How many faces have an embedding not sealed under {@code keyId} (legacy plaintext included). */
    long countEmbeddingsNotUnder(String keyId);

    /** Ids of up to {@code limit} such faces with an id after {@code after} (null: from the start), in id order. */
    List<UUID> embeddingsNotUnder(String keyId, UUID after, int limit);

    /**
     * Re-seals the face's embedding under the current key of the repository's key ring.
     *
     * @return false if the face no longer exists
     * @throws dev.facerec.core.FaceException {@code DATA_INTEGRITY} if the stored embedding cannot be opened
     */
    boolean reEncryptEmbedding(UUID faceId);

    /** How many distinct image keys are referred to by faces whose image is not sealed under {@code keyId}. */
    long countImagesNotUnder(String keyId);

    /** Up to {@code limit} such image keys after {@code after} (null: from the start), in key order. */
    List<String> imagesNotUnder(String keyId, String after, int limit);

    /**
     * Points every face that refers to {@code oldKey} at {@code newKey}, sealed under {@code keyId}, in one
     * transaction, which runs {@code beforeCommit} under the face write lock (the lock every face write and
     * {@link FaceRepository#deleteImageIfUnreferenced} take, see {@link FaceRepository}) before any face is changed.
     *
     * <p>The step is where the caller makes sure the image under {@code newKey} is stored: until the faces refer to
     * it, a deleter sees it unreferenced (it may be shared with a face being deleted, or be an orphan the sweeper
     * found), and a {@link FaceRepository#deleteImageIfUnreferenced} that committed before the lock was taken may have
     * removed it; none can run between the step and the commit. If the step throws, no face is changed and its
     * exception is thrown as it is. The step holds every face write (on every replica) waiting, so it must be short:
     * one existence check of the image, and one store only when it is missing. It runs even when no face refers to
     * {@code oldKey} any more.
     *
     * @return how many faces now refer to {@code newKey} instead of {@code oldKey}
     */
    int replaceImage(String oldKey, String newKey, String keyId, Runnable beforeCommit);
}
