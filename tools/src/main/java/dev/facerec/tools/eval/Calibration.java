package dev.facerec.tools.eval;

import dev.facerec.core.face.Embedding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Thresholds at false match rates 1e-3 and 1e-4 from every pair of different people in a labelled folder (the
 * person is the image's parent folder), with the false non-match rate each costs on every pair of the same person.
 */
final class Calibration {
    private Calibration() {}

    static void print(Path data, Map<Path, Optional<Embedding>> embeddings) {
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
        for (double rate : new double[] {1e-3, 1e-4, 1e-5}) {
            float threshold = VerificationProtocol.thresholdAtFalseMatchRate(impostors, rate);
            double fnmr = 1 - VerificationProtocol.acceptRate(genuines, threshold);
            System.out.printf(
                    Locale.ROOT,
                    "calibration: folder=%s impostor_pairs=%d genuine_pairs=%d fmr=%.0e threshold=%.4f fnmr=%.4f%n",
                    data.getFileName(),
                    impostors.length,
                    genuines.length,
                    rate,
                    threshold,
                    fnmr);
        }
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
