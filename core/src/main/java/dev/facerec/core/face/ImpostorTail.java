package dev.facerec.core.face;

import static java.util.Objects.requireNonNull;

/**
 * The far tail of a recognizer's impostor cosine scores (pairs of two different people): a generalised Pareto
 * distribution fitted by maximum likelihood to the scores above {@code threshold}. A calibration set of a few thousand
 * people measures a false match rate (FMR) down to about 1e-5; 1:N identification in galleries of a million faces
 * needs about 1e-8, which only a model of the tail can give:
 *
 * <pre>FMR(s) = exceedanceRate * (1 + shape * (s - threshold) / scale) ^ (-1 / shape)   for s >= threshold</pre>
 *
 * <p>With {@code shape < 0} (cosines are bounded) the tail ends at {@code threshold - scale / shape}, where the FMR
 * becomes 0.
 *
 * @param threshold the cosine u above which the tail is fitted
 * @param exceedanceRate the share of impostor pairs above {@code threshold}, in (0, 1)
 * @param scale the fitted scale sigma, positive
 * @param shape the fitted shape xi, in (-1, 1)
 * @param pairs the impostor pairs the fit saw
 * @param check how the fit held on held-out pairs, for the reader of the manifest
 */
public record ImpostorTail(
        double threshold, double exceedanceRate, double scale, double shape, long pairs, String check) {
    /** The smallest false match rate the tail is used for: below it a threshold is held where 1e-9 puts it. */
    public static final double MIN_FALSE_MATCH_RATE = 1e-9;

    public ImpostorTail {
        if (!(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException("tail threshold must lie in (-1, 1): " + threshold);
        }
        if (!(exceedanceRate > 0 && exceedanceRate < 1)) {
            throw new IllegalArgumentException("tail exceedanceRate must lie in (0, 1): " + exceedanceRate);
        }
        if (!(scale > 0 && scale < 2)) {
            throw new IllegalArgumentException("tail scale must lie in (0, 2): " + scale);
        }
        if (!(shape > -1 && shape < 1)) {
            throw new IllegalArgumentException("tail shape must lie in (-1, 1): " + shape);
        }
        if (pairs < 1 || exceedanceRate * pairs < 1) {
            throw new IllegalArgumentException("a tail needs pairs above its threshold: " + pairs);
        }
        requireNonNull(check, "check is null");
    }

    /** The share of impostor pairs at or above {@code cosine}, for {@code cosine >= threshold}; 1-ish below. */
    public double falseMatchRate(double cosine) {
        double excess = Math.max(0, cosine - threshold);
        if (Math.abs(shape) < 1e-12) {
            return exceedanceRate * Math.exp(-excess / scale);
        }
        double base = 1 + shape * excess / scale;
        return base <= 0 ? 0 : exceedanceRate * Math.pow(base, -1 / shape);
    }

    /**
     * The cosine at which the tail's FMR is {@code rate}; the inverse of {@link #falseMatchRate} for {@code rate} in
     * [{@value #MIN_FALSE_MATCH_RATE}, exceedanceRate].
     */
    public double cosineAt(double rate) {
        if (!(rate > 0 && rate <= exceedanceRate)) {
            throw new IllegalArgumentException("rate must lie in (0, " + exceedanceRate + "]: " + rate);
        }
        double ratio = rate / exceedanceRate;
        if (Math.abs(shape) < 1e-12) {
            return threshold - scale * Math.log(ratio);
        }
        return threshold + scale / shape * (Math.pow(ratio, -shape) - 1);
    }
}
