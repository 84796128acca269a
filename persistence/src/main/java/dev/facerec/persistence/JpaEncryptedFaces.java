package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.crypto.EncryptedFaces;
import dev.facerec.core.crypto.KeyRing;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;

/**
 * {@link EncryptedFaces} over the {@code faces} table; each call is one transaction. Moving faces to a new image key
 * takes the face write lock ({@link ChangeLog#lock}) but logs no change: the plaintext, and so every index, stays the
 * same.
 */
final class JpaEncryptedFaces implements EncryptedFaces {
    // Smaller than any random (version 4) id in both databases' unsigned byte order: "from the start".
    private static final UUID FIRST = new UUID(0, 0);

    private final EntityManager entityManager;
    private final FaceRows faces;
    private final ChangeLog changeLog;
    private final Transactions transactions;
    private final KeyRing keys;

    JpaEncryptedFaces(
            EntityManager entityManager, FaceRows faces, ChangeLog changeLog, Transactions transactions, KeyRing keys) {
        this.entityManager = requireNonNull(entityManager, "entityManager is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.changeLog = requireNonNull(changeLog, "changeLog is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.keys = requireNonNull(keys, "keys is null");
    }

    @Override
    public long countEmbeddingsNotUnder(String keyId) {
        requireNonNull(keyId, "keyId is null");
        return transactions.read(() -> faces.countEmbeddingsNotUnder(keyId));
    }

    @Override
    public List<UUID> embeddingsNotUnder(String keyId, UUID after, int limit) {
        requireNonNull(keyId, "keyId is null");
        return transactions.read(() -> faces.embeddingsNotUnder(keyId, after == null ? FIRST : after, Limit.of(limit)));
    }

    /** Locks the row so two replicas rotating at once re-seal it one after the other, never interleaved. */
    @Override
    public boolean reEncryptEmbedding(UUID faceId) {
        requireNonNull(faceId, "faceId is null");
        return transactions.write(() -> {
            FaceEntity entity = entityManager.find(FaceEntity.class, faceId, LockModeType.PESSIMISTIC_WRITE);
            if (entity == null) {
                return false;
            }
            if (!keys.currentKeyId().equals(entity.embeddingKeyId())) {
                String context = EntityMapper.embeddingContext(entity.id(), entity.modelId());
                entity.reseal(keys.seal(keys.open(entity.embedding(), context), context), keys.currentKeyId());
            }
            return true;
        });
    }

    @Override
    public long countImagesNotUnder(String keyId) {
        requireNonNull(keyId, "keyId is null");
        return transactions.read(() -> faces.countImagesNotUnder(keyId));
    }

    @Override
    public List<String> imagesNotUnder(String keyId, String after, int limit) {
        requireNonNull(keyId, "keyId is null");
        return transactions.read(() -> faces.imagesNotUnder(keyId, after == null ? "" : after, Limit.of(limit)));
    }

    /**
     * Read committed is enough, as for {@link JpaFaceRepository#deleteImageIfUnreferenced}: a deleter's check is a
     * statement after the lock, so it sees these faces once this transaction commits, and none runs before then.
     */
    @Override
    public int replaceImage(String oldKey, String newKey, String keyId, Runnable beforeCommit) {
        requireNonNull(oldKey, "oldKey is null");
        requireNonNull(newKey, "newKey is null");
        requireNonNull(keyId, "keyId is null");
        requireNonNull(beforeCommit, "beforeCommit is null");
        return transactions.write(() -> {
            changeLog.lock();
            beforeCommit.run();
            return faces.replaceImage(oldKey, newKey, keyId);
        });
    }
}
