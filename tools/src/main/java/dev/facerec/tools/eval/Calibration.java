package dev.facerec.tools.eval;

import dev.facerec.core.face.Embedding;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Thresholds at false match rates 1e-1 to 1e-5 from every pair of different people in a labelled folder (the person
 * is the image's parent folder), with the false non-match rate each costs on every pair of the same person. 1e-3,
 * 1e-4 and 1e-5 are a pack's operating points; 1e-1 and 1e-2 anchor the lenient end of its similarity scale.
 */
final class Calibration {
    static final double[] RATES = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5};

    private Calibration() {}

    static void print(Path data, Map<Path, Optional<Embedding>> embeddings) {
        PairScores scores = PairScores.of(embeddings);
        for (double rate : RATES) {
            float threshold = scores.thresholdAtFalseMatchRate(rate);
            System.out.printf(
                    Locale.ROOT,
                    "calibration: folder=%s impostor_pairs=%d genuine_pairs=%d fmr=%.0e threshold=%.4f fnmr=%.4f%n",
                    data.getFileName(),
                    scores.impostors().length,
                    scores.genuines().length,
                    rate,
                    threshold,
                    scores.falseNonMatchRate(threshold));
        }
        TailCalibration.print(data, embeddings, scores);
    }
}
