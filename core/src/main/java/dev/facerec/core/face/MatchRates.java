package dev.facerec.core.face;

import static java.util.Objects.requireNonNull;

/**
 * A recognizer's calibrated error rates at any cosine: the false match rate (FMR) from its similarity scale (FMR 1e-1
 * to 1e-5) and, above the tail's threshold, from its {@link ImpostorTail}; the false non-match rate (FNMR) from its
 * {@link GenuineScores}.
 */
public final class MatchRates {
    private final SimilarityScale scale;
    private final ImpostorTail tail;
    private final GenuineScores genuine;
    private final double rateAtTail;

    public MatchRates(RecognitionModel model) {
        requireNonNull(model, "model is null");
        this.scale = model.similarityScale();
        this.tail = model.thresholds().tail();
        this.genuine = model.thresholds().genuine();
        this.rateAtTail = tail == null ? 0 : scaleRate(tail.threshold());
    }

    /**
     * The share of impostor pairs at or above {@code cosine}. Above the tail's threshold it is the tail's survival
     * ratio applied to the scale's rate at that threshold, so it is continuous there; it is non-increasing in
     * {@code cosine} and reaches 0 only at the tail's end point.
     */
    public double falseMatchRate(double cosine) {
        if (tail != null && cosine > tail.threshold()) {
            return rateAtTail * tail.falseMatchRate(cosine) / tail.exceedanceRate();
        }
        return scaleRate(cosine);
    }

    /**
     * The probability that none of {@code faces} strangers' faces reaches {@code cosine}: {@code (1 -
     * FMR(cosine))^faces}, in [0, 1] and non-decreasing in {@code cosine}. For a stranger's best score over a gallery
     * of that many faces it is uniformly distributed when the FMR is calibrated; one minus it is the expected
     * false-positive identification rate at a threshold of {@code cosine}.
     */
    public double confidence(double cosine, long faces) {
        double rate = falseMatchRate(cosine);
        return rate >= 1 ? 0 : Math.exp(Math.max(1, faces) * Math.log1p(-rate));
    }

    /** The share of genuine pairs below {@code cosine}; NaN when the pack ships no genuine quantiles. */
    public double falseNonMatchRate(double cosine) {
        return genuine == null ? Double.NaN : genuine.falseNonMatchRate(cosine);
    }

    /** Whether the pack ships a tail (else FMR below 1e-5 is extrapolated and less trustworthy). */
    public boolean hasTail() {
        return tail != null;
    }

    private double scaleRate(double cosine) {
        return scale.falseMatchRate(scale.similarity((float) Math.max(-1, Math.min(1, cosine))));
    }
}
