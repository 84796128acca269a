package dev.facerec.tools.eval;

import dev.facerec.core.face.MatchRates;
import dev.facerec.core.face.RecognitionModel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether the identify confidence {@code (1 - FMR(s))^N} means what it says: for a stranger's best score over a
 * gallery of N faces it should be uniform on [0, 1], so the share of impostor probes at or below a confidence c
 * should be c. Printed per gallery size with the Kolmogorov-Smirnov distance, and the genuine probes' median.
 */
final class ConfidenceCheck {
    private static final double[] LEVELS = {0.1, 0.25, 0.5, 0.75, 0.9, 0.99};

    private ConfidenceCheck() {}

    static void print(List<IdentificationProtocol.Scores> all, RecognitionModel model) {
        MatchRates rates = new MatchRates(model);
        System.out.println("confidence of the impostor probes' best candidate: share at or below c (uniform: c)");
        for (IdentificationProtocol.Scores scores : all) {
            double[] confidences = confidences(rates, scores.impostorBest(), scores.size());
            double[] genuine = confidences(rates, scores.genuineBest(), scores.size());
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT, "confidence: gallery_faces=%d impostor_probes=%d", scores.size(), confidences.length));
            for (double level : LEVELS) {
                line.append(String.format(Locale.ROOT, " <=%.2f:%.3f", level, shareAtOrBelow(confidences, level)));
            }
            line.append(String.format(
                    Locale.ROOT,
                    " ks=%.3f genuine_median=%.4f",
                    kolmogorovSmirnov(confidences),
                    genuine.length == 0 ? Double.NaN : genuine[genuine.length / 2]));
            System.out.println(line);
        }
    }

    private static double[] confidences(MatchRates rates, float[] best, long faces) {
        double[] confidences = new double[best.length];
        for (int i = 0; i < best.length; i++) {
            confidences[i] = rates.confidence(best[i], faces);
        }
        Arrays.sort(confidences);
        return confidences;
    }

    private static double shareAtOrBelow(double[] sorted, double level) {
        int count = 0;
        while (count < sorted.length && sorted[count] <= level) {
            count++;
        }
        return sorted.length == 0 ? Double.NaN : (double) count / sorted.length;
    }

    /** The largest gap between the empirical distribution of sorted values and the uniform one. */
    static double kolmogorovSmirnov(double[] sorted) {
        double distance = 0;
        for (int i = 0; i < sorted.length; i++) {
            distance = Math.max(
                    distance,
                    Math.max((double) (i + 1) / sorted.length - sorted[i], sorted[i] - (double) i / sorted.length));
        }
        return distance;
    }
}
