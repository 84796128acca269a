package dev.facerec.core.face;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Quantiles of a recognizer's genuine cosine scores (pairs of the same person) on its calibration set: the false
 * non-match rate (FNMR) a threshold costs, so that the service can say how many true matches a threshold keeps.
 *
 * @param quantiles cosines at increasing FNMR, strictly increasing in both
 */
public record GenuineScores(List<Quantile> quantiles) {
    /**
     * @param fnmr the share of genuine pairs below {@code cosine}, in (0, 1)
     * @param cosine the cosine
     */
    public record Quantile(double fnmr, double cosine) {}

    public GenuineScores {
        requireNonNull(quantiles, "quantiles is null");
        quantiles = List.copyOf(quantiles);
        if (quantiles.size() < 2) {
            throw new IllegalArgumentException("genuine scores need at least two quantiles");
        }
        Quantile previous = new Quantile(0, -1);
        for (Quantile quantile : quantiles) {
            if (!(quantile.fnmr() > previous.fnmr() && quantile.fnmr() < 1)
                    || !(quantile.cosine() > previous.cosine() && quantile.cosine() < 1)) {
                throw new IllegalArgumentException(
                        "genuine quantiles must increase strictly in fnmr (0, 1) and cosine (-1, 1): " + quantiles);
            }
            previous = quantile;
        }
    }

    /**
     * The share of genuine pairs a threshold at {@code cosine} rejects: interpolated linearly between quantiles, 0 at
     * cosine -1 and 1 at cosine 1. Non-decreasing.
     */
    public double falseNonMatchRate(double cosine) {
        double lowerCosine = -1;
        double lowerRate = 0;
        for (Quantile quantile : quantiles) {
            if (cosine <= quantile.cosine()) {
                return interpolate(cosine, lowerCosine, quantile.cosine(), lowerRate, quantile.fnmr());
            }
            lowerCosine = quantile.cosine();
            lowerRate = quantile.fnmr();
        }
        return interpolate(Math.min(1, cosine), lowerCosine, 1, lowerRate, 1);
    }

    private static double interpolate(double x, double x0, double x1, double y0, double y1) {
        return y0 + (y1 - y0) * Math.max(0, x - x0) / (x1 - x0);
    }
}
