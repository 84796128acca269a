package dev.facerec.core.face;

/**
 * Cosine-similarity thresholds at named false match rates (FMR: the share of comparisons of two different people
 * that would be accepted), calibrated on a labelled pair set. Two faces match when their similarity is at or above
 * the threshold.
 *
 * @param standard the threshold at FMR 1e-3 (the default 1:1 decision)
 * @param strict the threshold at FMR 1e-4 (for high-assurance checks)
 * @param fmr1e5 the threshold at FMR 1e-5, used to keep 1:N identification honest in larger galleries
 */
public record Thresholds(float standard, float strict, float fmr1e5) {
    public Thresholds {
        if (!(standard > -1 && standard < 1) || !(strict > -1 && strict < 1) || !(fmr1e5 > -1 && fmr1e5 < 1)) {
            throw new IllegalArgumentException(
                    "thresholds must lie in (-1, 1): " + standard + ", " + strict + ", " + fmr1e5);
        }
        if (strict < standard || fmr1e5 < strict) {
            throw new IllegalArgumentException("thresholds must not decrease with the false match rate");
        }
    }

    /** Thresholds without a calibrated FMR 1e-5 point: it is extrapolated from the other two. */
    public Thresholds(float standard, float strict) {
        this(standard, strict, Math.min(0.99f, strict + (strict - standard)));
    }

    public float at(OperatingPoint point) {
        return switch (point) {
            case STANDARD -> standard;
            case STRICT -> strict;
        };
    }

    /**
     * The threshold for 1:N identification against {@code comparisons} stored faces that keeps the false-positive
     * identification rate (the share of queries of people who are not enrolled that still get a match) near
     * {@code targetFpir}. Each query is compared with every face, so the per-comparison FMR must be about
     * {@code targetFpir / comparisons}; the threshold is interpolated in log10(FMR) between the calibrated points and
     * held within [FMR 1e-5, FMR 1e-3], so beyond {@code targetFpir / 1e-5} faces the FPIR grows past the target.
     */
    public float forIdentification(long comparisons, double targetFpir) {
        if (!(targetFpir > 0 && targetFpir < 1)) {
            throw new IllegalArgumentException("targetFpir must lie in (0, 1)");
        }
        double exponent = Math.log10(targetFpir / Math.max(1, comparisons));
        double clamped = Math.max(-5, Math.min(-3, exponent));
        if (clamped >= -4) {
            return (float) (standard + (strict - standard) * (-3 - clamped));
        }
        return (float) (strict + (fmr1e5 - strict) * (-4 - clamped));
    }
}
