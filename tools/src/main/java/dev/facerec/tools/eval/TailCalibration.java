package dev.facerec.tools.eval;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.ImpostorTail;
import dev.facerec.core.face.Thresholds;
import dev.facerec.core.usecase.IdentifyFaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The far tail of the impostor scores for a pack manifest ({@code thresholds.tail}) and the genuine score quantiles
 * ({@code thresholds.genuine}), printed by {@code make eval-lfw ARGS=--calibrate}. The tail is a generalised Pareto
 * fit above the FMR {@value #TAIL_RATE} quantile. It is checked on held-out people: the identities are split into two
 * seeded halves, the tail is fitted on the pairs within one half and its predicted FMR compared with the FMR measured
 * on the other half's pairs, both ways.
 */
final class TailCalibration {
    /** The exceedance rate of the threshold above which the tail is fitted; the choice is checked by the table. */
    static final double TAIL_RATE = 1e-3;

    private static final double[] CANDIDATE_RATES = {1e-2, 1e-3, 1e-4};
    private static final double[] CHECK_RATES = {1e-4, 1e-5, 1e-6};
    private static final double[] GENUINE_LEVELS = {0.001, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9};
    private static final long SEED = 16;

    private TailCalibration() {}

    /** The tail fitted above the FMR {@code rate} quantile of {@code sortedImpostors}. */
    static ImpostorTail fit(float[] sortedImpostors, double rate, String check) {
        float threshold = VerificationProtocol.thresholdAtFalseMatchRate(sortedImpostors, rate);
        int first = firstAbove(sortedImpostors, threshold);
        double[] excesses = new double[sortedImpostors.length - first];
        for (int i = first; i < sortedImpostors.length; i++) {
            excesses[i - first] = (double) sortedImpostors[i] - threshold;
        }
        GeneralisedPareto fit = GeneralisedPareto.fit(excesses);
        return new ImpostorTail(
                threshold,
                (double) excesses.length / sortedImpostors.length,
                fit.scale(),
                fit.shape(),
                sortedImpostors.length,
                check);
    }

    static void print(Path data, Map<Path, Optional<Embedding>> embeddings, PairScores all) {
        List<String> people = embeddings.keySet().stream()
                .map(path -> path.getParent().getFileName().toString())
                .distinct()
                .sorted()
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(people, new Random(SEED));
        Set<String> firstHalf = new TreeSet<>(people.subList(0, people.size() / 2));
        PairScores a = PairScores.of(half(embeddings, firstHalf, true));
        PairScores b = PairScores.of(half(embeddings, firstHalf, false));
        System.out.printf(
                Locale.ROOT,
                "tail-check: held-out halves of %d people (seed %d): A %d impostor pairs, B %d%n",
                people.size(),
                SEED,
                a.impostors().length,
                b.impostors().length);
        String summary = "";
        for (double rate : CANDIDATE_RATES) {
            String forward = check(rate, a, b, "A->B");
            String backward = check(rate, b, a, "B->A");
            if (rate == TAIL_RATE) {
                summary = forward + "; " + backward;
            }
        }
        ImpostorTail tail = fit(
                all.impostors(),
                TAIL_RATE,
                "held-out halves (fit on one, FMR measured on the other)"
                        + " at FMR 1e-4/1e-5/1e-6, predicted vs measured: " + summary);
        printStability(all);
        System.out.printf(
                Locale.ROOT,
                "tail: folder=%s u=%.4f exceedance=%.3e sigma=%.5f xi=%.4f pairs=%d%n",
                data.getFileName(),
                tail.threshold(),
                tail.exceedanceRate(),
                tail.scale(),
                tail.shape(),
                tail.pairs());
        for (int exponent = -4; exponent >= -9; exponent--) {
            double rate = Math.pow(10, exponent);
            double cosine = tail.cosineAt(rate);
            System.out.printf(
                    Locale.ROOT,
                    "tail: fmr=1e%d threshold=%.4f measured_fmr=%.2e genuine_fnmr=%.4f gallery_for_fpir_1%%=%.0f%n",
                    exponent,
                    cosine,
                    all.falseMatchRate((float) cosine),
                    all.falseNonMatchRate((float) cosine),
                    0.01 / rate);
        }
        Thresholds service = new Thresholds(
                all.thresholdAtFalseMatchRate(1e-3),
                all.thresholdAtFalseMatchRate(1e-4),
                all.thresholdAtFalseMatchRate(1e-5),
                tail,
                null);
        for (long faces : new long[] {1_000, 10_000, 100_000, 1_000_000, 10_000_000}) {
            float threshold = IdentifyFaces.defaultThreshold(service, faces);
            System.out.printf(
                    Locale.ROOT,
                    "tail: gallery_faces=%d default_threshold=%.4f genuine_fnmr=%.4f%n",
                    faces,
                    threshold,
                    all.falseNonMatchRate(threshold));
        }
        System.out.println("manifest thresholds.tail and thresholds.genuine:");
        System.out.printf(
                Locale.ROOT,
                "\"tail\": {\"threshold\": %.6f, \"exceedanceRate\": %.6e, \"scale\": %.6f, \"shape\": %.5f,"
                        + " \"pairs\": %d, \"check\": \"%s\"},%n",
                tail.threshold(),
                tail.exceedanceRate(),
                tail.scale(),
                tail.shape(),
                tail.pairs(),
                tail.check());
        System.out.println("\"genuine\": {\"quantiles\": [" + genuineQuantiles(all.genuines()) + "]},");
    }

    /** Predicted (fit on {@code fit}) against measured (on {@code held}) FMR at the held-out half's thresholds. */
    private static String check(double tailRate, PairScores fit, PairScores held, String direction) {
        ImpostorTail tail = fit(fit.impostors(), tailRate, "");
        List<String> parts = new ArrayList<>();
        for (double rate : CHECK_RATES) {
            float threshold = held.thresholdAtFalseMatchRate(rate);
            double measured = held.falseMatchRate(threshold);
            double predicted = tail.falseMatchRate(threshold);
            long count = Math.round(measured * held.impostors().length);
            System.out.printf(
                    Locale.ROOT,
                    "tail-check: u_rate=%.0e %s held_fmr=%.0e threshold=%.4f measured=%.2e (%d pairs)"
                            + " predicted=%.2e ratio=%.2f xi=%.4f%n",
                    tailRate,
                    direction,
                    rate,
                    threshold,
                    measured,
                    count,
                    predicted,
                    predicted / measured,
                    tail.shape());
            parts.add(String.format(Locale.ROOT, "%.1e/%.1e", predicted, measured));
        }
        return direction + " " + String.join(" ", parts);
    }

    /**
     * The threshold-stability check: the shape fitted above rising thresholds, and the empirical mean excess
     * against the fit's {@code (sigma + xi * (v - u)) / (1 - xi)}, which a good GPD fit tracks.
     */
    private static void printStability(PairScores all) {
        ImpostorTail chosen = fit(all.impostors(), TAIL_RATE, "");
        for (double rate : new double[] {1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5}) {
            ImpostorTail at = fit(all.impostors(), rate, "");
            double v = at.threshold();
            double measuredExcess = meanExcess(all.impostors(), (float) v);
            double predicted = (chosen.scale() + chosen.shape() * (v - chosen.threshold())) / (1 - chosen.shape());
            System.out.printf(
                    Locale.ROOT,
                    "tail-stability: fmr=%.0e v=%.4f exceedances=%d xi=%.4f sigma*=%.5f mean_excess=%.5f"
                            + " fit_mean_excess=%.5f%n",
                    rate,
                    v,
                    Math.round(at.exceedanceRate() * at.pairs()),
                    at.shape(),
                    at.scale() - at.shape() * (v - chosen.threshold()),
                    measuredExcess,
                    v >= chosen.threshold() ? predicted : Double.NaN);
        }
    }

    private static double meanExcess(float[] sorted, float threshold) {
        int first = firstAbove(sorted, threshold);
        double sum = 0;
        for (int i = first; i < sorted.length; i++) {
            sum += sorted[i] - threshold;
        }
        return sum / Math.max(1, sorted.length - first);
    }

    static String genuineQuantiles(float[] genuines) {
        float[] sorted = genuines.clone();
        java.util.Arrays.sort(sorted);
        List<String> parts = new ArrayList<>();
        for (double level : GENUINE_LEVELS) {
            float cosine = sorted[(int) Math.min(sorted.length - 1, Math.floor(level * sorted.length))];
            parts.add(String.format(Locale.ROOT, "{\"fnmr\": %s, \"cosine\": %.4f}", level, cosine));
        }
        return String.join(", ", parts);
    }

    private static Map<Path, Optional<Embedding>> half(
            Map<Path, Optional<Embedding>> embeddings, Set<String> firstHalf, boolean first) {
        return embeddings.entrySet().stream()
                .filter(e ->
                        firstHalf.contains(e.getKey().getParent().getFileName().toString()) == first)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static int firstAbove(float[] sorted, float threshold) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= threshold) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
