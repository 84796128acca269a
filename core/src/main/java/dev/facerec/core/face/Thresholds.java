package dev.facerec.core.face;

/**
 * Cosine-similarity thresholds at named false match rates (FMR: the share of comparisons of two different people
 * that would be accepted), calibrated on a labelled pair set. Two faces match when their similarity is at or above
 * the threshold.
 *
 * @param standard the threshold at FMR 1e-3 (the default 1:1 decision)
 * @param strict the threshold at FMR 1e-4 (for high-assurance checks)
 * @param fmr1e5 the threshold at FMR 1e-5, used to keep 1:N identification honest in larger galleries
 * @param tail the impostor scores' far tail, for FMR below 1e-5 (galleries beyond about 1000 faces); {@code null}
 *     when the pack ships none, and then thresholds stop growing at FMR 1e-5
 * @param genuine the genuine scores' quantiles, for the share of true matches a threshold loses; {@code null} when
 *     the pack ships none
 */
public record Thresholds(float standard, float strict, float fmr1e5, ImpostorTail tail, GenuineScores genuine) {
    /** log10 of the last calibrated point, where the tail takes over. */
    private static final int LAST_CALIBRATED_EXPONENT = -5;

    /** The highest threshold the tail may give: a cosine of 1 would match nothing but the same photo. */
    private static final double MAX_THRESHOLD = 0.999;

    public Thresholds {
        if (!(standard > -1 && standard < 1) || !(strict > -1 && strict < 1) || !(fmr1e5 > -1 && fmr1e5 < 1)) {
            throw new IllegalArgumentException(
                    "thresholds must lie in (-1, 1): " + standard + ", " + strict + ", " + fmr1e5);
        }
        if (strict < standard || fmr1e5 < strict) {
            throw new IllegalArgumentException("thresholds must not decrease with the false match rate");
        }
        if (tail != null && tail.exceedanceRate() < Math.pow(10, LAST_CALIBRATED_EXPONENT)) {
            throw new IllegalArgumentException("the tail must start at FMR 1e-5 or above: " + tail.exceedanceRate());
        }
    }

    /** Thresholds without a tail or genuine quantiles. */
    public Thresholds(float standard, float strict, float fmr1e5) {
        this(standard, strict, fmr1e5, null, null);
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
     * {@code targetFpir / comparisons}; the threshold is interpolated in log10(FMR) between the calibrated points
     * (FMR 1e-3 to 1e-5). Below FMR 1e-5 it follows the {@link #tail}, shifted to meet the calibrated 1e-5 point so
     * that it is continuous and non-decreasing in {@code comparisons}, down to {@link
     * ImpostorTail#MIN_FALSE_MATCH_RATE}; without a tail it is held at FMR 1e-5, so beyond {@code targetFpir / 1e-5}
     * faces the FPIR grows past the target.
     */
    public float forIdentification(long comparisons, double targetFpir) {
        if (!(targetFpir > 0 && targetFpir < 1)) {
            throw new IllegalArgumentException("targetFpir must lie in (0, 1)");
        }
        return atFalseMatchRate(targetFpir / Math.max(1, comparisons));
    }

    /**
     * The threshold at a per-comparison false match rate: interpolated between the calibrated points, from the tail
     * below FMR 1e-5 as {@link #forIdentification} explains, and held at FMR 1e-3 above it.
     */
    public float atFalseMatchRate(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        double exponent = Math.log10(rate);
        if (tail != null && exponent < LAST_CALIBRATED_EXPONENT) {
            double floor = Math.max(rate, ImpostorTail.MIN_FALSE_MATCH_RATE);
            double shift = fmr1e5 - tail.cosineAt(Math.pow(10, LAST_CALIBRATED_EXPONENT));
            return (float) Math.max(fmr1e5, Math.min(MAX_THRESHOLD, tail.cosineAt(floor) + shift));
        }
        double clamped = Math.max(LAST_CALIBRATED_EXPONENT, Math.min(-3, exponent));
        if (clamped >= -4) {
            return (float) (standard + (strict - standard) * (-3 - clamped));
        }
        return (float) (strict + (fmr1e5 - strict) * (-4 - clamped));
    }
}
