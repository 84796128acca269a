package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Thresholds;

/**
 * The outcome of comparing the largest face of two images.
 *
 * @param similarity cosine similarity of the two embeddings, in [-1, 1]
 * @param match whether {@code similarity >= threshold}
 * @param threshold the threshold of the operating point used
 * @param modelId the recognition model that produced both embeddings
 * @param thresholds the model's thresholds of every operating point, so that a client can show where the similarity
 *     lies between them
 */
public record Comparison(
        float similarity,
        boolean match,
        float threshold,
        String modelId,
        Thresholds thresholds,
        DetectedFace source,
        DetectedFace target) {
    public Comparison {
        requireNonNull(modelId, "modelId is null");
        requireNonNull(thresholds, "thresholds is null");
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
    }
}
