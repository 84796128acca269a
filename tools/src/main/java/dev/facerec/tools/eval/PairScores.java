package dev.facerec.tools.eval;

import dev.facerec.core.face.Embedding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cosine similarity of every pair of embedded images in a labelled folder (the person is the image's parent
 * folder): pairs of different people (impostors, sorted ascending) and pairs of the same person (genuine). On
 * lfw-dev that is about 19 million impostor pairs, enough to measure a false match rate of 1e-5 rather than
 * extrapolate it.
 */
record PairScores(float[] impostors, float[] genuines) {

    static PairScores of(Map<Path, Optional<Embedding>> embeddings) {
        List<Path> paths = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        embeddings.entrySet().stream()
                .filter(e -> e.getValue().isPresent())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    paths.add(e.getKey());
                    vectors.add(e.getValue().get().vector());
                });
        int n = paths.size();
        String[] people = new String[n];
        for (int i = 0; i < n; i++) {
            people[i] = paths.get(i).getParent().getFileName().toString();
        }
        long impostorCount = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (!people[i].equals(people[j])) {
                    impostorCount++;
                }
            }
        }
        float[] impostors = new float[Math.toIntExact(impostorCount)];
        List<Float> genuine = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < n; i++) {
            float[] a = vectors.get(i);
            for (int j = i + 1; j < n; j++) {
                float similarity = dot(a, vectors.get(j));
                if (people[i].equals(people[j])) {
                    genuine.add(similarity);
                } else {
                    impostors[k++] = similarity;
                }
            }
        }
        float[] genuines = new float[genuine.size()];
        for (int i = 0; i < genuines.length; i++) {
            genuines[i] = genuine.get(i);
        }
        Arrays.sort(impostors);
        return new PairScores(impostors, genuines);
    }

    /** The smallest cosine at which at most {@code rate} of the impostor pairs are accepted ({@code >=}). */
    float thresholdAtFalseMatchRate(double rate) {
        return VerificationProtocol.thresholdAtFalseMatchRate(impostors, rate);
    }

    /** The share of impostor pairs accepted at {@code threshold} ({@code >=}). */
    double falseMatchRate(float threshold) {
        int firstAccepted = firstAtOrAbove(impostors, threshold);
        return impostors.length == 0 ? 0 : (double) (impostors.length - firstAccepted) / impostors.length;
    }

    /** The share of genuine pairs rejected at {@code threshold}. */
    double falseNonMatchRate(float threshold) {
        return 1 - VerificationProtocol.acceptRate(genuines, threshold);
    }

    private static int firstAtOrAbove(float[] sorted, float threshold) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < threshold) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
