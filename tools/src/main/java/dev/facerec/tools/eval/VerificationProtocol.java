package dev.facerec.tools.eval;

import java.util.Arrays;
import java.util.List;

/**
 * The LFW verification protocol: for each fold, the threshold that maximises accuracy on the other folds is applied
 * to the fold itself; accuracy is the mean over folds. TAR at a FAR is computed over all pairs.
 */
final class VerificationProtocol {
    private VerificationProtocol() {}

    /** One scored pair. */
    record ScoredPair(int fold, boolean same, float similarity) {}

    /** The protocol's figures. */
    record Result(int pairs, double accuracy, double std, double tarAtFar1e3, double threshold) {}

    static Result evaluate(List<ScoredPair> pairs) {
        int[] folds =
                pairs.stream().mapToInt(ScoredPair::fold).distinct().sorted().toArray();
        double[] accuracies = new double[folds.length];
        double thresholdSum = 0;
        for (int i = 0; i < folds.length; i++) {
            int fold = folds[i];
            List<ScoredPair> train =
                    pairs.stream().filter(p -> p.fold() != fold).toList();
            List<ScoredPair> test = pairs.stream().filter(p -> p.fold() == fold).toList();
            float threshold = bestThreshold(train.isEmpty() ? test : train);
            thresholdSum += threshold;
            accuracies[i] = accuracy(test, threshold);
        }
        double mean = Arrays.stream(accuracies).average().orElse(0);
        double variance = Arrays.stream(accuracies)
                .map(a -> (a - mean) * (a - mean))
                .average()
                .orElse(0);
        float[] impostors = scores(pairs, false);
        float[] genuines = scores(pairs, true);
        double tar = acceptRate(genuines, thresholdAtFalseMatchRate(impostors, 1e-3));
        return new Result(pairs.size(), mean, Math.sqrt(variance), tar, thresholdSum / folds.length);
    }

    /** The threshold in the middle of the best-accuracy gap between sorted scores. */
    static float bestThreshold(List<ScoredPair> pairs) {
        float[] candidates = new float[pairs.size()];
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = pairs.get(i).similarity();
        }
        Arrays.sort(candidates);
        float best = candidates.length == 0 ? 0 : candidates[0];
        double bestAccuracy = -1;
        for (int i = 0; i < candidates.length; i++) {
            float threshold =
                    i + 1 < candidates.length ? (candidates[i] + candidates[i + 1]) / 2 : candidates[i] + 1e-6f;
            double accuracy = accuracy(pairs, threshold);
            if (accuracy > bestAccuracy) {
                bestAccuracy = accuracy;
                best = threshold;
            }
        }
        return best;
    }

    static double accuracy(List<ScoredPair> pairs, float threshold) {
        long correct = pairs.stream()
                .filter(p -> (p.similarity() >= threshold) == p.same())
                .count();
        return pairs.isEmpty() ? 0 : (double) correct / pairs.size();
    }

    static float[] scores(List<ScoredPair> pairs, boolean same) {
        List<ScoredPair> selected = pairs.stream().filter(p -> p.same() == same).toList();
        float[] scores = new float[selected.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = selected.get(i).similarity();
        }
        return scores;
    }

    /**
     * The smallest threshold at which at most {@code rate} of the impostor scores are accepted ({@code >=}). With n
     * impostors, floor(n * rate) of them may lie at or above it.
     */
    static float thresholdAtFalseMatchRate(float[] impostors, double rate) {
        float[] sorted = impostors.clone();
        Arrays.sort(sorted);
        int allowed = (int) Math.floor(sorted.length * rate);
        int index = sorted.length - 1 - allowed;
        if (index < 0) {
            return -1f;
        }
        return Math.nextUp(sorted[index]);
    }

    static double acceptRate(float[] scores, float threshold) {
        long accepted = 0;
        for (float score : scores) {
            if (score >= threshold) {
                accepted++;
            }
        }
        return scores.length == 0 ? 0 : (double) accepted / scores.length;
    }
}
