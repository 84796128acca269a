package dev.facerec.tools.eval;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.Thresholds;
import dev.facerec.core.usecase.IdentifyFaces;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.embed.FusedFaceEmbedder;
import dev.facerec.ml.pack.ModelPacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code make eval-identify}: open-set 1:N identification by gallery size on real faces, through the product's
 * pipeline ({@link IdentificationProtocol} says who is enrolled, probed and a stranger). {@code --data} lists labelled
 * folders, comma-separated: a folder with {@code labels.csv} ({@code path,identity,...}) names its images there,
 * otherwise its images are {@code images/<person>/<image>}; the same name in two folders is the same person. Each
 * image is embedded once (the face nearest its centre); every gallery size in {@code --sizes} ({@code max}: every
 * face the split leaves) is then scanned exactly from those embeddings. For each size it prints TPIR, FPIR and rank-1
 * at the service's own default threshold for that many faces ({@link IdentifyFaces#defaultThreshold(Thresholds,
 * long)}), and TPIR at FPIR 1% and 0.1% with thresholds chosen on the run's own impostor probes; then FPIR at the
 * default threshold against gallery size; then TPIR and FPIR of the service's decision ({@link
 * dev.facerec.core.usecase.IdentificationDecision}) at each size. {@code --rules} first compares decision rules at a
 * fixed FPIR, {@code --grid} the decision's parameters ({@link DecisionComparison}).
 *
 * <p>{@code --protocol first-enrolled} replaces the seeded split with the earlier single-figure protocol ({@link
 * IdentificationProtocol#firstEnrolled}: first image enrolled, every other image a probe; on lfw-dev alone, 806
 * people). To choose how a fused pack is made: {@code --weights 1,1.4} fuses its members with these weights instead
 * of its manifest's (the default threshold stays the manifest's, so only the lines at a fixed FPIR compare), and
 * {@code --flip} adds each model's embedding of the mirrored face ({@link MirroredFaces}).
 */
public final class IdentificationEvaluation {
    static final long DEFAULT_SEED = 16;
    private static final double[] FPIR_POINTS = {1e-2, 1e-3};

    private IdentificationEvaluation() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LfwEvaluation.parse(args);
        MlConfig config = MlConfig.defaults(Path.of(LfwEvaluation.required(options, "models")))
                .withRecognizerPack(options.getOrDefault("recognizer", MlConfig.DEFAULT_RECOGNIZER));
        long seedOption = Long.parseLong(options.getOrDefault("seed", Long.toString(DEFAULT_SEED)));
        Map<Path, String> labels = new TreeMap<>();
        for (String folder : LfwEvaluation.required(options, "data").split(",")) {
            labels.putAll(labels(Path.of(folder.trim())));
        }
        boolean firstEnrolled = switch (options.getOrDefault("protocol", "seeded")) {
            case "seeded" -> false;
            case "first-enrolled" -> true;
            default -> throw new IllegalArgumentException("--protocol is seeded or first-enrolled");
        };
        // The first-enrolled protocol draws nothing: its lines say seed=0.
        long seed = firstEnrolled ? 0 : seedOption;
        DatasetEmbedder.Variant variant = new DatasetEmbedder.Variant(
                options.containsKey("weights") ? weights(options.get("weights")) : null,
                options.containsKey("flip") ? new MirroredFaces(ModelPacks.load(config.modelsDirectory())) : null);
        try (FaceEngine engine = FaceEngine.start(config)) {
            if (variant.weights() != null
                    && !(engine.embedder() instanceof FusedFaceEmbedder fused
                            && fused.weights().length == variant.weights().length)) {
                throw new IllegalArgumentException("--weights needs a fused pack, one weight per member");
            }
            Map<Path, Optional<Embedding>> embeddings = new DatasetEmbedder(
                            engine, 2, DatasetEmbedder.FaceChoice.CENTRE, variant)
                    .embed(List.copyOf(labels.keySet()));
            Map<String, List<Embedding>> people = new TreeMap<>();
            labels.forEach((image, person) -> embeddings
                    .get(image)
                    .ifPresent(embedding -> people.computeIfAbsent(person, name -> new ArrayList<>())
                            .add(embedding)));
            Thresholds thresholds = engine.embedder().model().thresholds();
            System.out.printf(
                    Locale.ROOT,
                    "model=%s%s detector=%s provider=%s protocol=%s images=%d no_face=%d people=%d seed=%d%n",
                    engine.embedder().model().id(),
                    variant.describe(),
                    engine.detector().modelId(),
                    engine.executionProvider(),
                    firstEnrolled ? "first-enrolled" : "seeded",
                    labels.size(),
                    embeddings.values().stream().filter(Optional::isEmpty).count(),
                    people.size(),
                    seed);
            IdentificationProtocol.Split split = firstEnrolled
                    ? IdentificationProtocol.firstEnrolled(people)
                    : IdentificationProtocol.split(people, seed);
            int[] sizes = sizes(
                    options.getOrDefault("sizes", "100,1000,3000,max"),
                    split.gallery().size());
            List<IdentificationProtocol.Scores> scores = IdentificationProtocol.score(split, sizes);
            report(scores, thresholds, seed);
            ConfidenceCheck.print(scores, engine.embedder().model());
            // The service's own decision (IdentificationDecision), and with --rules the rules it was chosen among.
            DecisionComparison.report(
                    CandidateLists.of(split, sizes, DecisionComparison.DEPTH),
                    seed,
                    thresholds,
                    options.containsKey("rules"),
                    options.containsKey("grid"));
        }
    }

    private static void report(List<IdentificationProtocol.Scores> all, Thresholds thresholds, long seed) {
        System.out.println("TPIR at FPIR 1% and 0.1%: thresholds chosen on this run's own impostor probes (not held"
                + " out, so slightly optimistic).");
        for (IdentificationProtocol.Scores scores : all) {
            float threshold = IdentifyFaces.defaultThreshold(thresholds, scores.size());
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "identify: seed=%d gallery_faces=%d identities=%d genuine_probes=%d impostor_probes=%d"
                            + " default_threshold=%.4f tpir=%.4f fpir=%.4f rank1=%.4f",
                    seed,
                    scores.size(),
                    scores.people(),
                    scores.genuineBest().length,
                    scores.impostorBest().length,
                    threshold,
                    scores.tpir(threshold),
                    scores.fpir(threshold),
                    scores.rank1()));
            for (double rate : FPIR_POINTS) {
                float at = scores.thresholdAtFpir(rate);
                line.append(String.format(
                        Locale.ROOT,
                        " | fpir<=%s: threshold=%.4f tpir=%.4f fpir=%.4f",
                        rate == 1e-2 ? "1%" : "0.1%",
                        at,
                        scores.tpir(at),
                        scores.fpir(at)));
            }
            System.out.println(line);
        }
        System.out.printf(
                Locale.ROOT,
                "FPIR at the default threshold against gallery size (target %.0f%%; one # = 0.25%%):%n",
                IdentifyFaces.TARGET_FPIR * 100);
        for (IdentificationProtocol.Scores scores : all) {
            double fpir = scores.fpir(IdentifyFaces.defaultThreshold(thresholds, scores.size()));
            System.out.printf(
                    Locale.ROOT,
                    "%8d faces | %-40s %.2f%%%n",
                    scores.size(),
                    "#".repeat((int) Math.min(40, Math.round(fpir * 400))),
                    fpir * 100);
        }
    }

    private static float[] weights(String list) {
        String[] parts = list.split(",");
        float[] weights = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            weights[i] = Float.parseFloat(parts[i].trim());
            if (!(weights[i] > 0)) {
                throw new IllegalArgumentException("--weights must be positive: " + list);
            }
        }
        return weights;
    }

    /** Ascending, distinct gallery sizes from a comma-separated list; {@code max} and larger sizes mean every face. */
    static int[] sizes(String list, int max) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .mapToInt(size -> size.equals("max") ? max : Math.min(max, Integer.parseInt(size)))
                .peek(size -> {
                    if (size < 1) {
                        throw new IllegalArgumentException("gallery sizes must be positive: " + list);
                    }
                })
                .sorted()
                .distinct()
                .toArray();
    }

    /** Each image of a labelled folder with its person. */
    private static Map<Path, String> labels(Path folder) throws IOException {
        Map<Path, String> labels = new TreeMap<>();
        Path csv = folder.resolve("labels.csv");
        if (Files.isRegularFile(csv)) {
            List<String> lines = Files.readAllLines(csv);
            if (lines.isEmpty() || !lines.getFirst().startsWith("path,identity")) {
                throw new IllegalArgumentException(csv + " must start with the header path,identity");
            }
            lines.stream().skip(1).filter(line -> !line.isBlank()).forEach(line -> {
                String[] fields = line.split(",");
                labels.put(folder.resolve(fields[0]), fields[1]);
            });
            return labels;
        }
        try (Stream<Path> files = Files.walk(folder.resolve("images"))) {
            files.filter(Files::isRegularFile)
                    .forEach(file ->
                            labels.put(file, file.getParent().getFileName().toString()));
        }
        return labels;
    }
}
