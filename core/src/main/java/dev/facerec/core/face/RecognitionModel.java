package dev.facerec.core.face;

import static java.util.Objects.requireNonNull;

/**
 * A recognition model's identity and calibrated operating points.
 *
 * @param id model pack identifier, stored with every embedding
 * @param embeddingSize length of the embedding vector
 * @param thresholds cosine-similarity thresholds calibrated for this model
 * @param similarityScale the model's cosine mapped onto a calibrated similarity in [0, 1]; its 0.8 is exactly
 *     {@code thresholds.standard()}
 */
public record RecognitionModel(String id, int embeddingSize, Thresholds thresholds, SimilarityScale similarityScale) {
    public RecognitionModel {
        requireNonNull(id, "id is null");
        requireNonNull(thresholds, "thresholds is null");
        requireNonNull(similarityScale, "similarityScale is null");
        if (embeddingSize <= 0) {
            throw new IllegalArgumentException("embeddingSize must be positive: " + embeddingSize);
        }
        if (similarityScale.standardCosine() != thresholds.standard()) {
            throw new IllegalArgumentException("the similarity scale's 0.8 must be the standard threshold "
                    + thresholds.standard() + ", not " + similarityScale.standardCosine());
        }
    }

    /**
     * A model without cosines calibrated at FMR 1e-1 and 1e-2: its similarity scale estimates them (see {@link
     * SimilarityScale#estimated}).
     */
    public RecognitionModel(String id, int embeddingSize, Thresholds thresholds) {
        this(
                id,
                embeddingSize,
                thresholds,
                SimilarityScale.estimated(requireNonNull(thresholds, "thresholds is null")));
    }
}
