package dev.facerec.core.person;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import java.time.Instant;
import java.util.UUID;

/**
 * A face enrolled for a person: where its image is stored, where the face was in it, and its embedding, tagged with
 * the recognition model that made it.
 *
 * @param imageKey the content-addressed key of the image in the {@link dev.facerec.core.store.ImageStore}
 * @param imageSha256 SHA-256 of the uploaded bytes, lower-case hex
 * @param quality a score in [0, 1] from the quality gate (higher is better)
 */
public record EnrolledFace(
        UUID id,
        UUID personId,
        UUID galleryId,
        String imageKey,
        String imageSha256,
        DetectedFace face,
        float quality,
        Embedding embedding,
        Instant createdAt) {
    public EnrolledFace {
        requireNonNull(id, "id is null");
        requireNonNull(personId, "personId is null");
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(imageKey, "imageKey is null");
        requireNonNull(imageSha256, "imageSha256 is null");
        requireNonNull(face, "face is null");
        requireNonNull(embedding, "embedding is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public String modelId() {
        return embedding.modelId();
    }
}
