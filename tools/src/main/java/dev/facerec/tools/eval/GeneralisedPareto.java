package dev.facerec.tools.eval;

import java.util.Random;

/**
 * A generalised Pareto distribution of excesses {@code y >= 0} over a threshold, {@code P(Y > y) = (1 + shape * y /
 * scale)^(-1/shape)}, and its maximum-likelihood fit. The fit maximises the profile likelihood over {@code theta =
 * shape / scale} (Grimshaw 1993): for a given theta the best shape is {@code mean(log(1 + theta * y))}, so a
 * one-dimensional search suffices. Shapes below -1 are excluded: there the likelihood is unbounded and the estimate
 * meaningless.
 */
record GeneralisedPareto(double scale, double shape) {
    private static final int GRID = 2000;
    private static final double MIN_SHAPE = -1;

    GeneralisedPareto {
        if (!(scale > 0) || !(shape > MIN_SHAPE)) {
            throw new IllegalArgumentException("scale must be positive and shape above -1: " + scale + ", " + shape);
        }
    }

    /** The probability that an excess exceeds {@code y}. */
    double survival(double y) {
        if (y <= 0) {
            return 1;
        }
        if (Math.abs(shape) < 1e-12) {
            return Math.exp(-y / scale);
        }
        double base = 1 + shape * y / scale;
        return base <= 0 ? 0 : Math.pow(base, -1 / shape);
    }

    /** An excess drawn by inversion, for tests of the fit. */
    double sample(Random random) {
        double uniform = 1 - random.nextDouble(); // (0, 1]
        return Math.abs(shape) < 1e-12 ? -scale * Math.log(uniform) : scale / shape * (Math.pow(uniform, -shape) - 1);
    }

    /** The maximum-likelihood fit to {@code excesses} (all positive, at least ten). */
    static GeneralisedPareto fit(double[] excesses) {
        if (excesses.length < 10) {
            throw new IllegalArgumentException("a tail fit needs at least 10 excesses, got " + excesses.length);
        }
        double max = 0;
        double sum = 0;
        for (double y : excesses) {
            if (!(y > 0)) {
                throw new IllegalArgumentException("excesses must be positive: " + y);
            }
            max = Math.max(max, y);
            sum += y;
        }
        double mean = sum / excesses.length;
        double low = -1 / max * (1 - 1e-9);
        double high = 20 / mean;
        double bestTheta = Double.NaN;
        double best = Double.NEGATIVE_INFINITY;
        double step = (high - low) / GRID;
        for (int i = 0; i <= GRID; i++) {
            double theta = low + i * step;
            double value = profile(excesses, theta, mean);
            if (value > best) {
                best = value;
                bestTheta = theta;
            }
        }
        double left = Math.max(low, bestTheta - step);
        double right = Math.min(high, bestTheta + step);
        double golden = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 100; i++) {
            double a = right - golden * (right - left);
            double b = left + golden * (right - left);
            if (profile(excesses, a, mean) >= profile(excesses, b, mean)) {
                right = b;
            } else {
                left = a;
            }
        }
        double theta = (left + right) / 2;
        double shape = shapeAt(excesses, theta, mean);
        return new GeneralisedPareto(Math.abs(theta) < 1e-12 ? mean : shape / theta, shape);
    }

    /** The log-likelihood per excess at {@code theta}, maximised over the shape; -infinity where the shape is < -1. */
    private static double profile(double[] excesses, double theta, double mean) {
        double shape = shapeAt(excesses, theta, mean);
        if (!(shape > MIN_SHAPE)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (Math.abs(theta) < 1e-12) {
            return -Math.log(mean) - 1; // the exponential limit
        }
        return -(Math.log(shape / theta) + shape + 1);
    }

    private static double shapeAt(double[] excesses, double theta, double mean) {
        if (Math.abs(theta) < 1e-12) {
            return theta * mean;
        }
        double sum = 0;
        for (double y : excesses) {
            sum += Math.log1p(theta * y);
        }
        return sum / excesses.length;
    }
}
