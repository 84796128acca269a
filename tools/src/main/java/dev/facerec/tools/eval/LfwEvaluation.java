package dev.facerec.tools.eval;

import dev.facerec.core.face.Embedding;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code make eval-lfw DATA=<dir>}: runs the product's pipeline over an LFW-style folder ({@code pairs.csv} with
 * {@code fold,same,left,right}, paths relative to the folder) and prints the standard figures, ending with one line
 * {@code lfw: pairs=N accuracy=... std=... tar_at_far_1e-3=... threshold=...}. Each image stands for its label by
 * the face nearest its centre, LFW's convention ({@code --face largest} uses the largest face, as compare does);
 * {@code --detector} and {@code --recognizer} choose the packs; {@code --imageio} decodes with ImageIO even where
 * libjpeg-turbo is installed (to compare the two).
 *
 * <p>With {@code --calibrate}, it also embeds every image under {@code images/} and scores every pair of images of
 * different people (millions of impostor pairs, so that a false match rate of 1e-4 is measured, not extrapolated),
 * and prints the thresholds to put in a pack manifest. Operators run the same command on their own data.
 */
public final class LfwEvaluation {
    private LfwEvaluation() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path data = Path.of(required(options, "data"));
        MlConfig config = MlConfig.defaults(Path.of(required(options, "models")))
                .withRecognizerPack(options.getOrDefault("recognizer", MlConfig.DEFAULT_RECOGNIZER))
                .withDetectorPack(options.getOrDefault("detector", MlConfig.DEFAULT_DETECTOR))
                .withNativeCodecs(!options.containsKey("imageio"));
        List<String[]> rows = readPairs(data.resolve("pairs.csv"));
        try (FaceEngine engine = FaceEngine.start(config)) {
            DatasetEmbedder.FaceChoice choice = DatasetEmbedder.FaceChoice.valueOf(
                    options.getOrDefault("face", "centre").toUpperCase(Locale.ROOT));
            DatasetEmbedder embedder = new DatasetEmbedder(engine, 2, choice);
            LinkedHashSet<Path> images = new LinkedHashSet<>();
            for (String[] row : rows) {
                images.add(data.resolve(row[2]));
                images.add(data.resolve(row[3]));
            }
            if (options.containsKey("calibrate")) {
                try (Stream<Path> all = Files.walk(data.resolve("images"))) {
                    all.filter(Files::isRegularFile).sorted().forEach(images::add);
                }
            }
            Map<Path, Optional<Embedding>> embeddings = embedder.embed(List.copyOf(images));
            long missing =
                    embeddings.values().stream().filter(Optional::isEmpty).count();
            System.out.printf(
                    Locale.ROOT,
                    "model=%s detector=%s provider=%s face=%s images=%d no_face=%d%n",
                    engine.embedder().model().id(),
                    engine.detector().modelId(),
                    engine.executionProvider(),
                    choice.name().toLowerCase(Locale.ROOT),
                    embeddings.size(),
                    missing);
            if (options.containsKey("calibrate")) {
                Calibration.print(data, embeddings);
            }
            List<VerificationProtocol.ScoredPair> scored = new ArrayList<>();
            for (String[] row : rows) {
                Optional<Embedding> left = embeddings.get(data.resolve(row[2]));
                Optional<Embedding> right = embeddings.get(data.resolve(row[3]));
                // A pair with an undetected face counts as a non-match: the pipeline would have answered so.
                float similarity =
                        left.isPresent() && right.isPresent() ? left.get().similarity(right.get()) : -1f;
                scored.add(
                        new VerificationProtocol.ScoredPair(Integer.parseInt(row[0]), "1".equals(row[1]), similarity));
            }
            VerificationProtocol.Result result = VerificationProtocol.evaluate(scored);
            System.out.printf(
                    Locale.ROOT,
                    "lfw: pairs=%d accuracy=%.4f std=%.4f tar_at_far_1e-3=%.4f threshold=%.3f%n",
                    result.pairs(),
                    result.accuracy(),
                    result.std(),
                    result.tarAtFar1e3(),
                    result.threshold());
        }
    }

    private static List<String[]> readPairs(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.getFirst().trim().equals("fold,same,left,right")) {
            throw new IllegalArgumentException(file + " must start with the header fold,same,left,right");
        }
        return lines.stream()
                .skip(1)
                .filter(line -> !line.isBlank())
                .map(line -> line.trim().split(","))
                .toList();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }

    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}
