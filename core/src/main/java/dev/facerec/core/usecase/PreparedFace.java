package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.quality.QualityAssessment;

/**
 * A photo's face as {@link EnrollFace#prepare} computed it, ready to be stored: nothing of it is written yet.
 *
 * @param bytes the photo as uploaded, stored as it is
 * @param sha256 the hex SHA-256 of {@code bytes}
 * @param mediaType the photo's media type, from its first bytes
 */
public record PreparedFace(
        byte[] bytes,
        String sha256,
        String mediaType,
        DetectedFace face,
        QualityAssessment quality,
        Embedding embedding) {
    public PreparedFace {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(mediaType, "mediaType is null");
        requireNonNull(face, "face is null");
        requireNonNull(quality, "quality is null");
        requireNonNull(embedding, "embedding is null");
    }
}
