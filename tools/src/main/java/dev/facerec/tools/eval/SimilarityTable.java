package dev.facerec.tools.eval;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.SimilarityScale;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code make similarity-table}: for each recognizer pack, embeds every image under {@code <data>/images} through
 * the product's pipeline, scores every pair (as {@code eval-lfw --calibrate} does), and prints, at the calibrated
 * similarities clients threshold (0.5 for Viseron, 0.8 for Home Assistant, Double Take's percentage), the cosine the
 * pack's {@link SimilarityScale} puts there, the false match rate the scale claims, and the false match and non-match
 * rates measured on those pairs. On the calibration set itself the anchors agree by construction; between them the
 * table shows how far log-linear interpolation is from the data, and on other data how well the calibration carries.
 *
 * <p>The last column measures, on the same pairs, the false match rate of CompreFace's own similarity for its ArcFace
 * MobileFaceNet build ({@code (tanh((c0 - d) * c1) + 1) / 2} on the Euclidean distance d of the normalised
 * embeddings) at the same value: what a client's threshold meant on CompreFace, given a model like ours.
 */
public final class SimilarityTable {
    static final double[] SIMILARITIES = {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95};

    /** CompreFace's similarity_coefficients for insightface arcface_mobilefacenet. */
    private static final double COMPREFACE_C0 = 1.26538905;

    private static final double COMPREFACE_C1 = 5.552089201;

    private SimilarityTable() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LfwEvaluation.parse(args);
        Path data = Path.of(LfwEvaluation.required(options, "data"));
        Path models = Path.of(LfwEvaluation.required(options, "models"));
        List<Path> images;
        try (Stream<Path> all = Files.walk(data.resolve("images"))) {
            images = all.filter(Files::isRegularFile).sorted().toList();
        }
        for (String recognizer :
                options.getOrDefault("recognizers", MlConfig.DEFAULT_RECOGNIZER).split(",")) {
            MlConfig config = MlConfig.defaults(models).withRecognizerPack(recognizer.trim());
            try (FaceEngine engine = FaceEngine.start(config)) {
                Map<Path, Optional<Embedding>> embeddings =
                        new DatasetEmbedder(engine, 2, DatasetEmbedder.FaceChoice.CENTRE).embed(images);
                PairScores scores = PairScores.of(embeddings);
                SimilarityScale scale = engine.embedder().model().similarityScale();
                System.out.printf(
                        Locale.ROOT,
                        "%nsimilarity-table: model=%s folder=%s images=%d no_face=%d impostor_pairs=%d"
                                + " genuine_pairs=%d%n",
                        engine.embedder().model().id(),
                        data.getFileName(),
                        embeddings.size(),
                        embeddings.values().stream().filter(Optional::isEmpty).count(),
                        scores.impostors().length,
                        scores.genuines().length);
                print(scale, scores);
            }
        }
    }

    static void print(SimilarityScale scale, PairScores scores) {
        System.out.println("| similarity | cosine | FMR (scale) | FMR (measured) | FNMR (measured) "
                + "| FMR (measured) at CompreFace's own similarity |");
        System.out.println("|---|---|---|---|---|---|");
        for (double similarity : SIMILARITIES) {
            float cosine = (float) scale.cosine(similarity);
            System.out.printf(
                    Locale.ROOT,
                    "| %.2f | %.4f | %.1e | %.1e | %.4f | %.1e |%n",
                    similarity,
                    cosine,
                    scale.falseMatchRate(similarity),
                    scores.falseMatchRate(cosine),
                    scores.falseNonMatchRate(cosine),
                    scores.falseMatchRate((float) compreFaceCosine(similarity)));
        }
    }

    /** The cosine at which CompreFace's similarity is {@code similarity}: d = c0 - atanh(2s - 1) / c1, cos = 1 - d²/2. */
    static double compreFaceCosine(double similarity) {
        double t = 2 * similarity - 1;
        double atanh = 0.5 * Math.log((1 + t) / (1 - t));
        double distance = COMPREFACE_C0 - atanh / COMPREFACE_C1;
        return 1 - distance * distance / 2;
    }
}
