package dev.facerec.core.face;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A recognizer's cosine similarity mapped onto a calibrated similarity in [0, 1] whose values mean the same false
 * match rate (FMR: the share of comparisons of two different people at or above the value) for every model pack:
 *
 * <table>
 *   <caption>Anchors</caption>
 *   <tr><th>similarity</th><th>FMR</th></tr>
 *   <tr><td>0.5</td><td>1e-1</td></tr>
 *   <tr><td>0.65</td><td>1e-2</td></tr>
 *   <tr><td>0.8</td><td>1e-3 (the pack's standard threshold)</td></tr>
 *   <tr><td>0.9</td><td>1e-4 (the strict threshold)</td></tr>
 *   <tr><td>0.95</td><td>1e-5</td></tr>
 * </table>
 *
 * <p>Each anchor's cosine is the pack's threshold calibrated at that FMR. Between anchors the cosine is interpolated
 * linearly in log10(FMR), as {@link Thresholds#forIdentification} does, so the similarity is linear in the cosine on
 * each segment; cosine -1 maps to 0 (every pair accepted: FMR 1) and cosine 1 to 1. The map is continuous and
 * strictly increasing. Clients that threshold a CompreFace similarity keep a sensible meaning: Home Assistant's 0.8
 * is the standard operating point, Viseron's 0.5 a lenient FMR of 1e-1.
 *
 * @param anchors the five calibrated anchors, in the order of the table above, with strictly increasing cosines in
 *     (-1, 1)
 */
public record SimilarityScale(List<Anchor> anchors) {
    /** The similarities of the anchors; the standard operating point is at index {@link #STANDARD_INDEX}. */
    private static final double[] SIMILARITIES = {0.5, 0.65, 0.8, 0.9, 0.95};

    /** log10 of the anchors' false match rates. */
    private static final int[] LOG10_RATES = {-1, -2, -3, -4, -5};

    private static final int STANDARD_INDEX = 2;

    /**
     * Standard normal quantiles of the upper tail at FMR 1e-1 .. 1e-4, for the {@link #estimated} fallback: an impostor
     * cosine distribution is close to normal in this range.
     */
    private static final double[] NORMAL_QUANTILES = {
        1.2815515655446004, 2.3263478740408408, 3.090232306167813, 3.7190164854556804
    };

    /**
     * One point of the scale.
     *
     * @param similarity the calibrated similarity
     * @param falseMatchRate the false match rate a threshold at this similarity has on the calibration set
     * @param cosine the recognizer's cosine similarity at this point
     */
    public record Anchor(double similarity, double falseMatchRate, double cosine) {}

    public SimilarityScale {
        requireNonNull(anchors, "anchors is null");
        anchors = List.copyOf(anchors);
        if (anchors.size() != SIMILARITIES.length) {
            throw new IllegalArgumentException("a similarity scale has " + SIMILARITIES.length + " anchors");
        }
        double previous = -1;
        for (int i = 0; i < SIMILARITIES.length; i++) {
            Anchor anchor = anchors.get(i);
            if (anchor.similarity() != SIMILARITIES[i] || anchor.falseMatchRate() != Math.pow(10, LOG10_RATES[i])) {
                throw new IllegalArgumentException("anchor " + i + " must be similarity " + SIMILARITIES[i]
                        + " at FMR 1e" + LOG10_RATES[i] + ": " + anchor);
            }
            if (!(anchor.cosine() > previous && anchor.cosine() < 1)) {
                throw new IllegalArgumentException("anchor cosines must increase strictly within (-1, 1): " + anchors);
            }
            previous = anchor.cosine();
        }
    }

    /**
     * The scale from cosines calibrated at FMR 1e-1 and 1e-2 and the pack's thresholds at 1e-3, 1e-4 and 1e-5. The
     * standard threshold stays exactly where it is; an anchor that ties with its neighbour towards the standard one
     * (equal calibrated thresholds) is moved away from it by the smallest step a double allows, so that the scale
     * stays strictly increasing.
     */
    public static SimilarityScale calibrated(float fmr1e1, float fmr1e2, Thresholds thresholds) {
        requireNonNull(thresholds, "thresholds is null");
        double[] cosines = {fmr1e1, fmr1e2, thresholds.standard(), thresholds.strict(), thresholds.fmr1e5()};
        if (!(cosines[0] > -1 && cosines[0] <= cosines[1] && cosines[1] <= cosines[STANDARD_INDEX])) {
            throw new IllegalArgumentException("cosines at FMR 1e-1 and 1e-2 must lie in (-1, " + thresholds.standard()
                    + "] and not decrease with the false match rate: " + fmr1e1 + ", " + fmr1e2);
        }
        for (int i = STANDARD_INDEX - 1; i >= 0; i--) {
            cosines[i] = Math.min(cosines[i], Math.nextDown(cosines[i + 1]));
        }
        for (int i = STANDARD_INDEX + 1; i < cosines.length; i++) {
            cosines[i] = Math.max(cosines[i], Math.nextUp(cosines[i - 1]));
        }
        List<Anchor> anchors = new ArrayList<>();
        for (int i = 0; i < cosines.length; i++) {
            anchors.add(new Anchor(SIMILARITIES[i], Math.pow(10, LOG10_RATES[i]), cosines[i]));
        }
        return new SimilarityScale(anchors);
    }

    /**
     * The fallback for a pack calibrated only at FMR 1e-3 and 1e-4: the cosines at 1e-1 and 1e-2 are estimated by a
     * normal impostor distribution through those two points (mean and spread from the two thresholds and the normal
     * quantiles at 1e-3 and 1e-4). On the shipped packs the estimate lies within a few hundredths of the measured
     * cosines; a pack should still carry measured ones.
     */
    public static SimilarityScale estimated(Thresholds thresholds) {
        requireNonNull(thresholds, "thresholds is null");
        double spread = (thresholds.strict() - thresholds.standard()) / (NORMAL_QUANTILES[3] - NORMAL_QUANTILES[2]);
        double mean = thresholds.standard() - NORMAL_QUANTILES[2] * spread;
        double fmr1e2 = Math.max(mean + NORMAL_QUANTILES[1] * spread, (thresholds.standard() - 1) / 2);
        double fmr1e1 = Math.max(mean + NORMAL_QUANTILES[0] * spread, (fmr1e2 - 1) / 2);
        return calibrated((float) fmr1e1, (float) fmr1e2, thresholds);
    }

    /** The cosine of the standard operating point (FMR 1e-3), where the similarity is exactly 0.8. */
    public double standardCosine() {
        return anchors.get(STANDARD_INDEX).cosine();
    }

    /**
     * The calibrated similarity of a cosine: 0 at -1, 1 at 1, continuous and strictly increasing. A cosine a rounding
     * error outside [-1, 1] is clamped to it.
     *
     * @throws IllegalArgumentException for NaN
     */
    public double similarity(float cosine) {
        if (Float.isNaN(cosine)) {
            throw new IllegalArgumentException("cosine is NaN");
        }
        double clamped = Math.max(-1, Math.min(1, cosine));
        double lowerCosine = -1;
        double lowerSimilarity = 0;
        for (Anchor anchor : anchors) {
            if (clamped <= anchor.cosine()) {
                return interpolate(clamped, lowerCosine, anchor.cosine(), lowerSimilarity, anchor.similarity());
            }
            lowerCosine = anchor.cosine();
            lowerSimilarity = anchor.similarity();
        }
        return interpolate(clamped, lowerCosine, 1, lowerSimilarity, 1);
    }

    /**
     * The cosine at a calibrated similarity: the inverse of {@link #similarity(float)}.
     *
     * @throws IllegalArgumentException when {@code similarity} lies outside [0, 1]
     */
    public double cosine(double similarity) {
        requireUnit(similarity);
        double lowerCosine = -1;
        double lowerSimilarity = 0;
        for (Anchor anchor : anchors) {
            if (similarity <= anchor.similarity()) {
                return interpolate(similarity, lowerSimilarity, anchor.similarity(), lowerCosine, anchor.cosine());
            }
            lowerCosine = anchor.cosine();
            lowerSimilarity = anchor.similarity();
        }
        return interpolate(similarity, lowerSimilarity, 1, lowerCosine, 1);
    }

    /**
     * The false match rate that accepting at {@code similarity} and above is calibrated to: exactly the anchor's FMR
     * at an anchor, interpolated in log10(FMR) between anchors, 1 at similarity 0. Above 0.95 it is extrapolated
     * along the last decade (1e-6 at similarity 1): no calibration set of a few thousand people measures below 1e-5.
     * Strictly decreasing.
     *
     * @throws IllegalArgumentException when {@code similarity} lies outside [0, 1]
     */
    public double falseMatchRate(double similarity) {
        requireUnit(similarity);
        double lowerSimilarity = 0;
        double lowerExponent = 0;
        for (int i = 0; i < SIMILARITIES.length; i++) {
            if (similarity <= SIMILARITIES[i]) {
                return Math.pow(
                        10, interpolate(similarity, lowerSimilarity, SIMILARITIES[i], lowerExponent, LOG10_RATES[i]));
            }
            lowerSimilarity = SIMILARITIES[i];
            lowerExponent = LOG10_RATES[i];
        }
        return Math.pow(10, interpolate(similarity, lowerSimilarity, 1, lowerExponent, lowerExponent - 1));
    }

    private static double interpolate(double x, double x0, double x1, double y0, double y1) {
        if (x == x1) {
            return y1; // exact at an anchor, free of rounding
        }
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }

    private static void requireUnit(double similarity) {
        if (!(similarity >= 0 && similarity <= 1)) {
            throw new IllegalArgumentException("similarity must lie in [0, 1]: " + similarity);
        }
    }
}
