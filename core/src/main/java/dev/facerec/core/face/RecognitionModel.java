package dev.facerec.core.face;

import static java.util.Objects.requireNonNull;

/**
 * A recognition model's identity and calibrated operating points.
 *
 * @param id model pack identifier, stored with every embedding
 * @param embeddingSize length of the embedding vector
 * @param thresholds cosine-similarity thresholds calibrated for this model
 */
public record RecognitionModel(String id, int embeddingSize, Thresholds thresholds) {
    public RecognitionModel {
        requireNonNull(id, "id is null");
        requireNonNull(thresholds, "thresholds is null");
        if (embeddingSize <= 0) {
            throw new IllegalArgumentException("embeddingSize must be positive: " + embeddingSize);
        }
    }
}
