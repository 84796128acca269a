package dev.facerec.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code faces}; built and read only by {@link EntityMapper}. */
@Entity
@Table(name = "faces")
class FaceEntity {
    @Id
    private UUID id;

    @Column(name = "person_id", nullable = false)
    private UUID personId;

    @Column(name = "gallery_id", nullable = false)
    private UUID galleryId;

    @Column(name = "image_key", nullable = false, length = 200)
    private String imageKey;

    @Column(name = "image_sha256", nullable = false, length = 64)
    private String imageSha256;

    @Column(name = "box_x", nullable = false)
    private float boxX;

    @Column(name = "box_y", nullable = false)
    private float boxY;

    @Column(name = "box_width", nullable = false)
    private float boxWidth;

    @Column(name = "box_height", nullable = false)
    private float boxHeight;

    @Column(name = "landmarks", nullable = false)
    private byte[] landmarks;

    @Column(name = "detection_score", nullable = false)
    private float detectionScore;

    @Column(name = "quality", nullable = false)
    private float quality;

    @Column(name = "model_id", nullable = false, length = 100)
    private String modelId;

    @Column(name = "embedding", nullable = false)
    private byte[] embedding;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "embedding_key_id", length = 16)
    private String embeddingKeyId;

    @Column(name = "image_key_id", length = 16)
    private String imageKeyId;

    protected FaceEntity() {}

    FaceEntity(
            UUID id,
            UUID personId,
            UUID galleryId,
            String imageKey,
            String imageSha256,
            float[] box,
            byte[] landmarks,
            float detectionScore,
            float quality,
            String modelId,
            byte[] embedding,
            String keyId,
            Instant createdAt) {
        this.id = id;
        this.personId = personId;
        this.galleryId = galleryId;
        this.imageKey = imageKey;
        this.imageSha256 = imageSha256;
        this.boxX = box[0];
        this.boxY = box[1];
        this.boxWidth = box[2];
        this.boxHeight = box[3];
        this.landmarks = landmarks;
        this.detectionScore = detectionScore;
        this.quality = quality;
        this.modelId = modelId;
        this.embedding = embedding;
        this.embeddingKeyId = keyId;
        // The encrypting image store sealed the image under the same current key just before the face was saved.
        this.imageKeyId = keyId;
        this.createdAt = createdAt;
    }

    /** Replaces the sealed embedding with the same plaintext sealed under another key (rotation). */
    void reseal(byte[] sealedEmbedding, String keyId) {
        this.embedding = sealedEmbedding;
        this.embeddingKeyId = keyId;
    }

    UUID id() {
        return id;
    }

    UUID personId() {
        return personId;
    }

    UUID galleryId() {
        return galleryId;
    }

    String imageKey() {
        return imageKey;
    }

    String imageSha256() {
        return imageSha256;
    }

    float[] box() {
        return new float[] {boxX, boxY, boxWidth, boxHeight};
    }

    byte[] landmarks() {
        return landmarks;
    }

    float detectionScore() {
        return detectionScore;
    }

    float quality() {
        return quality;
    }

    String modelId() {
        return modelId;
    }

    byte[] embedding() {
        return embedding;
    }

    String embeddingKeyId() {
        return embeddingKeyId;
    }

    Instant createdAt() {
        return createdAt;
    }
}
