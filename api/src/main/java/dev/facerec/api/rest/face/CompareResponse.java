package dev.facerec.api.rest.face;

import dev.facerec.core.face.OperatingPoint;
import dev.facerec.core.usecase.Comparison;
import java.util.Locale;

/**
 * Whether the largest faces of two images show the same person.
 *
 * @param similarity cosine similarity in [-1, 1], rounded to four decimals
 * @param match whether the similarity reaches the threshold
 * @param threshold the threshold of {@code operatingPoint} for {@code model}
 * @param model the recognition model that compared the faces
 * @param thresholds the model's threshold at each operating point (standard, strict), for a scale
 */
public record CompareResponse(
        double similarity,
        boolean match,
        double threshold,
        String operatingPoint,
        String model,
        OperatingPoints thresholds,
        FaceView source,
        FaceView target) {
    static CompareResponse of(Comparison comparison, OperatingPoint operatingPoint) {
        return new CompareResponse(
                FaceView.round(comparison.similarity(), 10_000),
                comparison.match(),
                FaceView.round(comparison.threshold(), 10_000),
                operatingPoint.name().toLowerCase(Locale.ROOT),
                comparison.modelId(),
                new OperatingPoints(
                        FaceView.round(comparison.thresholds().standard(), 10_000),
                        FaceView.round(comparison.thresholds().strict(), 10_000)),
                FaceView.of(comparison.source()),
                FaceView.of(comparison.target()));
    }

    /** The similarity each operating point needs. */
    public record OperatingPoints(double standard, double strict) {}
}
