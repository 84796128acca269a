package dev.facerec.tools.eval;

import dev.facerec.core.face.Thresholds;
import dev.facerec.core.usecase.IdentificationDecision;
import dev.facerec.core.usecase.IdentifyFaces;
import dev.facerec.tools.eval.CandidateLists.Aggregation;
import dev.facerec.tools.eval.CandidateLists.AtSize;
import dev.facerec.tools.eval.CandidateLists.Candidates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code make eval-identify ARGS=--rules}: decision rules over the candidates the index search returns, compared at a
 * fixed FPIR, then the service's own decision ({@link IdentificationDecision}) at its default parameters beside the
 * raw default threshold. A rule turns a probe's candidate list (persons' similarities, best first) into one score;
 * the probe is a match when its first candidate is right and the score reaches a threshold chosen so that at most 1%
 * (0.1%) of the run's impostor probes reach it. Two figures per rate: with the threshold chosen on every impostor probe
 * (slightly optimistic, as {@code make eval-identify}), and held out: chosen on the even-numbered impostor probes, with
 * the FPIR it gives on the odd-numbered ones.
 */
final class DecisionComparison {
    /** How many persons a candidate list holds: enough for every cohort compared. */
    static final int DEPTH = 50;

    private static final double[] FPIR_POINTS = {1e-2, 1e-3};

    /** A probe's candidate scores, best first, and the raw default threshold at the gallery's size. */
    @FunctionalInterface
    interface Score {
        double of(float[] bestFirst, float threshold);
    }

    record Rule(String name, String parameters, Aggregation aggregation, Score score) {}

    private DecisionComparison() {}

    static List<Rule> rules(Thresholds thresholds) {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule("raw s1 (today)", "best face", Aggregation.MAX, (s, t) -> s[0]));
        rules.add(new Rule("raw s1", "mean of person's faces", Aggregation.MEAN, (s, t) -> s[0]));
        rules.add(new Rule("raw s1", "mean of person's best 2", Aggregation.TOP2_MEAN, (s, t) -> s[0]));
        rules.add(new Rule("margin s1-s2", "-", Aggregation.MAX, (s, t) -> s.length < 2 ? s[0] : s[0] - s[1]));
        rules.add(new Rule("ratio s1/s2", "-", Aggregation.MAX, (s, t) -> s.length < 2 || s[1] <= 0 ? 9 : s[0] / s[1]));
        for (double a : new double[] {0.5, 1, 2}) {
            rules.add(new Rule("s1+a(s1-s2)", "a=" + a, Aggregation.MAX, (s, t) -> s[0] + a * (s[0] - s[1])));
        }
        for (double m0 : new double[] {0.05, 0.1}) {
            rules.add(
                    new Rule("s1 if s1-s2>=m0", "m0=" + m0, Aggregation.MAX, (s, t) -> s[0] - s[1] >= m0 ? s[0] : -9));
        }
        for (int k : new int[] {3, 5, 10, 20, 50}) {
            rules.add(new Rule("z-norm", "k=" + k, Aggregation.MAX, (s, t) -> zScore(s, k)));
            rules.add(new Rule(
                    "s1 if z>=z0", "k=" + k + " z0=3", Aggregation.MAX, (s, t) -> zScore(s, k) >= 3 ? s[0] : -9));
            for (double b : new double[] {0.5, 1}) {
                rules.add(new Rule(
                        "s1-b*mean(s2..sk)", "k=" + k + " b=" + b, Aggregation.MAX, (s, t) -> s[0] - b * mean(s, k)));
            }
        }
        for (Aggregation aggregation : new Aggregation[] {Aggregation.MEAN, Aggregation.TOP2_MEAN}) {
            rules.add(new Rule("s1-mean(s2..sk)", "k=10 " + aggregation, aggregation, (s, t) -> s[0] - mean(s, 10)));
        }
        for (double slack : new double[] {0, 0.5, 1, 2}) {
            rules.add(new Rule(
                    "s1-mean(s2..sk) if s1>=t-slack",
                    "k=10 slack=" + slack + " decades",
                    Aggregation.MAX,
                    (s, t) -> s[0]
                                    >= IdentificationDecision.of(thresholds, 9, 1, slack)
                                            .lowestMatch(t)
                            ? s[0] - mean(s, 10)
                            : -9));
        }
        return rules;
    }

    /** The mean of {@code s[1] .. s[k - 1]}. */
    static double mean(float[] s, int k) {
        int n = Math.min(k, s.length);
        double sum = 0;
        for (int i = 1; i < n; i++) {
            sum += s[i];
        }
        return n <= 1 ? 0 : sum / (n - 1);
    }

    private static double zScore(float[] s, int k) {
        int n = Math.min(k, s.length);
        double mean = mean(s, k);
        double sum = 0;
        for (int i = 1; i < n; i++) {
            sum += (s[i] - mean) * (s[i] - mean);
        }
        return n <= 2 ? s[0] : (s[0] - mean) / Math.max(1e-6, Math.sqrt(sum / (n - 2)));
    }

    static void report(List<AtSize> all, long seed, Thresholds thresholds, boolean rules, boolean grid) {
        if (rules) {
            rules(all, seed, thresholds);
        }
        if (grid) {
            grid(all, seed, thresholds);
        }
        System.out.println("The service's decision (IdentificationDecision.of(thresholds): cohort="
                + IdentificationDecision.DEFAULT_COHORT + " margin=" + IdentificationDecision.DEFAULT_MARGIN_DECADES
                + " decades at " + IdentificationDecision.REFERENCE_FACES + " faces, slack="
                + IdentificationDecision.DEFAULT_SLACK_DECADES + " decades) beside the raw default threshold:");
        for (AtSize at : all) {
            decision(at, seed, thresholds, IdentificationDecision.of(thresholds), "service");
        }
    }

    private static void rules(List<AtSize> all, long seed, Thresholds thresholds) {
        System.out.println("rules at fixed FPIR: all = threshold chosen on every impostor probe (optimistic);"
                + " held out = chosen on the even-numbered impostor probes, FPIR measured on the odd-numbered ones.");
        for (AtSize at : all) {
            float threshold = IdentifyFaces.defaultThreshold(thresholds, at.size());
            for (Rule rule : rules(thresholds)) {
                StringBuilder line = new StringBuilder(String.format(
                        Locale.ROOT,
                        "rule: seed=%d faces=%d %-32s %-28s",
                        seed,
                        at.size(),
                        rule.name(),
                        rule.parameters()));
                Candidates[] genuine = at.genuine().get(rule.aggregation());
                float[] g = scores(genuine, rule.score(), threshold);
                float[] impostor = scores(at.impostor().get(rule.aggregation()), rule.score(), threshold);
                float[][] halves = halves(impostor);
                for (double rate : FPIR_POINTS) {
                    float all1 = VerificationProtocol.thresholdAtFalseMatchRate(impostor, rate);
                    float even = VerificationProtocol.thresholdAtFalseMatchRate(halves[0], rate);
                    line.append(String.format(
                            Locale.ROOT,
                            " | fpir<=%s: tpir=%.4f held_out_tpir=%.4f held_out_fpir=%.4f",
                            rate == 1e-2 ? "1%" : "0.1%",
                            tpir(genuine, g, all1),
                            tpir(genuine, g, even),
                            VerificationProtocol.acceptRate(halves[1], even)));
                }
                System.out.println(line);
            }
        }
    }

    /** TPIR and FPIR of a decision at one size, beside the raw default threshold. */
    private static void decision(
            AtSize at, long seed, Thresholds thresholds, IdentificationDecision decision, String label) {
        float threshold = IdentifyFaces.defaultThreshold(thresholds, at.size());
        Candidates[] genuine = at.genuine().get(Aggregation.MAX);
        Candidates[] impostor = at.impostor().get(Aggregation.MAX);
        int tp = 0;
        int rawTp = 0;
        for (Candidates c : genuine) {
            tp += c.firstIsRight() && decision.matches(c.scores(), threshold, at.size()) ? 1 : 0;
            rawTp += c.firstIsRight() && c.scores()[0] >= threshold ? 1 : 0;
        }
        int fp = 0;
        int rawFp = 0;
        for (Candidates c : impostor) {
            fp += decision.matches(c.scores(), threshold, at.size()) ? 1 : 0;
            rawFp += c.scores()[0] >= threshold ? 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "decision: %s seed=%d faces=%d people=%d margin=%.4f slack=%.4f threshold=%.4f tpir=%.4f fpir=%.4f"
                        + " | raw threshold: tpir=%.4f fpir=%.4f%n",
                label,
                seed,
                at.size(),
                at.people(),
                decision.minMarginAt(at.size()),
                decision.slack(),
                threshold,
                (double) tp / genuine.length,
                (double) fp / impostor.length,
                (double) rawTp / genuine.length,
                (double) rawFp / impostor.length);
    }

    /** Every default-parameter candidate of the service's decision, to choose them on one seed. */
    private static void grid(List<AtSize> all, long seed, Thresholds thresholds) {
        for (double slack : new double[] {0, 0.25, 0.5, 0.75, 1, 1.5}) {
            for (double margin = 2.2; margin <= 2.81; margin += 0.05) {
                IdentificationDecision decision =
                        IdentificationDecision.of(thresholds, IdentificationDecision.DEFAULT_COHORT, margin, slack);
                for (AtSize at : all) {
                    decision(
                            at,
                            seed,
                            thresholds,
                            decision,
                            String.format(Locale.ROOT, "grid(m=%.2f,s=%.2f)", margin, slack));
                }
            }
        }
    }

    private static float[] scores(Candidates[] probes, Score score, float threshold) {
        float[] result = new float[probes.length];
        for (int p = 0; p < probes.length; p++) {
            result[p] = (float) score.of(probes[p].scores(), threshold);
        }
        return result;
    }

    private static float[][] halves(float[] all) {
        float[][] halves = {new float[(all.length + 1) / 2], new float[all.length / 2]};
        for (int p = 0; p < all.length; p++) {
            halves[p % 2][p / 2] = all[p];
        }
        return halves;
    }

    private static double tpir(Candidates[] genuine, float[] scores, float threshold) {
        int hits = 0;
        for (int p = 0; p < genuine.length; p++) {
            hits += genuine[p].firstIsRight() && scores[p] >= threshold ? 1 : 0;
        }
        return (double) hits / genuine.length;
    }
}
