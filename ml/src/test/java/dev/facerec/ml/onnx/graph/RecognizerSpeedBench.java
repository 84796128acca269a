package dev.facerec.ml.onnx.graph;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Prints milliseconds per face of the original recognizers against their optimised forms, measured in the same
 * process and interleaved in rounds so that load from other processes hits all candidates alike. A command, not a
 * test:
 *
 * <pre>
 * mvn -B -q -pl ml -am test-compile
 * mvn -B -q -pl ml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/ml.cp
 * java --enable-native-access=ALL-UNNAMED -cp ml/target/test-classes:ml/target/classes:$(cat /tmp/ml.cp) \
 *     -Dfacerec.models.dir=../shared/models dev.facerec.ml.onnx.graph.RecognizerSpeedBench
 * </pre>
 *
 * System properties: {@code bench.models} (comma-separated file names), {@code bench.batches},
 * {@code bench.threads}, {@code bench.runs} (timed runs per candidate and setting, default 60), and
 * {@code bench.sessionConfig} (extra ORT config entries {@code key=value;...} for every candidate).
 */
final class RecognizerSpeedBench {
    private static final int ROUNDS = 6;

    public static void main(String[] args) throws Exception {
        Path models = Path.of(System.getProperty("facerec.models.dir", "../shared/models"));
        List<String> files =
                List.of(System.getProperty("bench.models", "faceplugin_fr_feature.onnx,mobilefacenet_paddle_128d.onnx")
                        .split(","));
        int[] batches = ints(System.getProperty("bench.batches", "1,4,8"));
        int[] threads = ints(System.getProperty("bench.threads", "1,2"));
        int runs = Integer.getInteger("bench.runs", 60);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        for (String file : files) {
            byte[] original = Files.readAllBytes(models.resolve(file));
            byte[] optimised = OnnxGraphOptimizer.optimize(original, OnnxGraphOptimizer.Options.all())
                    .model();
            Map<String, Candidate> candidates = new LinkedHashMap<>();
            candidates.put("original", new Candidate(original, options -> {}));
            candidates.put("original no spin", new Candidate(original, RecognizerSpeedBench::noSpinning));
            candidates.put(
                    "dynamic batch only",
                    new Candidate(
                            OnnxGraphOptimizer.optimize(original, new OnnxGraphOptimizer.Options(true, false, false))
                                    .model(),
                            options -> {}));
            candidates.put(
                    "-denormal flush",
                    new Candidate(
                            OnnxGraphOptimizer.optimize(original, new OnnxGraphOptimizer.Options(true, true, false))
                                    .model(),
                            options -> {}));
            candidates.put("optimised", new Candidate(optimised, options -> {}));
            candidates.put(
                    "+no spinning",
                    new Candidate(
                            optimised, options -> options.addConfigEntry("session.intra_op.allow_spinning", "0")));
            candidates.put(
                    "+denormal zero",
                    new Candidate(optimised, options -> options.addConfigEntry("session.set_denormal_as_zero", "1")));
            candidates.put(
                    "-memory pattern",
                    new Candidate(optimised, options -> options.setMemoryPatternOptimization(false)));
            System.out.printf("%n%s: ms per face, median of %d runs, candidates interleaved%n", file, runs);
            System.out.printf("%-8s", "setting");
            candidates.keySet().forEach(name -> System.out.printf(" %18s", name));
            System.out.println();
            Map<String, Float> differences = new LinkedHashMap<>();
            for (int thread : threads) {
                for (int batch : batches) {
                    Map<String, Double> figures = measure(environment, candidates, thread, batch, runs, differences);
                    System.out.printf("%-8s", thread + "t b" + batch);
                    figures.values().forEach(ms -> System.out.printf(" %18.2f", ms));
                    System.out.println();
                }
            }
            System.out.printf("%-8s", "max diff");
            differences.values().forEach(difference -> System.out.printf(" %18.1e", difference));
            System.out.println("  (L2-normalised embeddings against the original)");
        }
    }

    /** Idle intra-op threads sleep instead of spinning: on a shared 2-core machine spinning steals the cores. */
    private static void noSpinning(OrtSession.SessionOptions options) throws OrtException {
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
    }

    /** A model and the session settings it is measured with. */
    private record Candidate(byte[] model, Tuning tuning) {}

    @FunctionalInterface
    private interface Tuning {
        void apply(OrtSession.SessionOptions options) throws OrtException;
    }

    private static Map<String, Double> measure(
            OrtEnvironment environment,
            Map<String, Candidate> candidates,
            int threads,
            int batch,
            int runs,
            Map<String, Float> differences)
            throws OrtException {
        float[] faces = randomFaces(batch, new Random(batch));
        Map<String, OrtSession> sessions = new LinkedHashMap<>();
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try {
            for (var candidate : candidates.entrySet()) {
                OrtSession.SessionOptions options = options(threads);
                candidate.getValue().tuning().apply(options);
                sessions.put(
                        candidate.getKey(),
                        environment.createSession(candidate.getValue().model(), options));
                times.put(candidate.getKey(), new ArrayList<>());
            }
            float[] reference = null;
            for (var session : sessions.entrySet()) {
                float[] output = Embeddings.normalised(embed(environment, session.getValue(), faces, batch), batch);
                reference = reference == null ? output : reference;
                differences.merge(session.getKey(), Embeddings.maxAbsDifference(reference, output), Math::max);
                for (int warmUp = 0; warmUp < 5; warmUp++) {
                    embed(environment, session.getValue(), faces, batch);
                }
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (var session : sessions.entrySet()) {
                    for (int run = 0; run < Math.max(1, runs / ROUNDS); run++) {
                        long start = System.nanoTime();
                        embed(environment, session.getValue(), faces, batch);
                        times.get(session.getKey()).add((System.nanoTime() - start) / 1e6 / batch);
                    }
                }
            }
        } finally {
            for (OrtSession session : sessions.values()) {
                session.close();
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        times.forEach((name, list) ->
                medians.put(name, list.stream().sorted().toList().get(list.size() / 2)));
        return medians;
    }

    /** Runs the batch in one call when the model takes it, else face by face as callers must for batch-1 models. */
    private static float[] embed(OrtEnvironment environment, OrtSession session, float[] faces, int batch)
            throws OrtException {
        long declared = Embeddings.declaredBatch(session);
        int step = declared == 1 ? 1 : batch;
        int faceSize = faces.length / batch;
        List<float[]> parts = new ArrayList<>();
        for (int first = 0; first < batch; first += step) {
            float[] part = Arrays.copyOfRange(faces, first * faceSize, (first + step) * faceSize);
            parts.add(Embeddings.run(environment, session, part, step));
        }
        int width = parts.getFirst().length / step;
        float[] all = new float[batch * width];
        for (int i = 0; i < parts.size(); i++) {
            System.arraycopy(parts.get(i), 0, all, i * step * width, parts.get(i).length);
        }
        return all;
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setOptimizationLevel(OptLevel.ALL_OPT);
        for (String entry : System.getProperty("bench.sessionConfig", "").split(";")) {
            if (entry.contains("=")) {
                options.addConfigEntry(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
            }
        }
        return options;
    }

    private static float[] randomFaces(int batch, Random random) {
        float[] faces = new float[batch * 3 * 112 * 112];
        for (int i = 0; i < faces.length; i++) {
            faces[i] = (float) random.nextGaussian() * 0.5f;
        }
        return faces;
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
