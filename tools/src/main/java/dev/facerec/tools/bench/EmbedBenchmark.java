package dev.facerec.tools.bench;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.tools.bench.BenchmarkPhotos.Photo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code make bench-embed}: what embedding one face costs with each recognizer pack, a fused pack beside its members.
 * Every pack's engine is started, each LFW photo of the sample is decoded and its largest face detected once, then
 * the face is embedded (alignment and inference, the embedder's whole work) by every pack in turn, the order
 * rotating from photo to photo, so that other work on the machine weighs on every pack alike. One face at a time,
 * single caller, after a warm-up; the load average is printed with the figures.
 *
 * <p>Options: {@code --data} the shared data folder, {@code --models}, {@code --images N} (200), {@code --recognizers
 * a,b,c} (faceplugin-512,mobilefacenet-128,fusion-640).
 */
public final class EmbedBenchmark {
    private static final PrintStream OUT = System.out;
    private static final int WARM_UP = 20;

    private EmbedBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException(
                        "usage: EmbedBenchmark --data <dir> --models <dir> [--images N]" + " [--recognizers a,b,c]");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        Path data = Path.of(options.getOrDefault("data", "../shared/data"));
        MlConfig defaults = MlConfig.defaults(Path.of(options.getOrDefault("models", "../shared/models")));
        List<String> recognizers =
                List.of(options.getOrDefault("recognizers", "faceplugin-512,mobilefacenet-128,fusion-640")
                        .split(","));
        List<Photo> photos = BenchmarkPhotos.lfwSample(data, Integer.parseInt(options.getOrDefault("images", "200")));
        List<FaceEngine> engines = new ArrayList<>();
        try {
            for (String recognizer : recognizers) {
                engines.add(FaceEngine.start(defaults.withRecognizerPack(recognizer.trim())));
            }
            run(engines, photos);
        } finally {
            engines.forEach(FaceEngine::close);
        }
    }

    private static void run(List<FaceEngine> engines, List<Photo> photos) {
        FaceEngine first = engines.getFirst();
        List<DecodedImage> images = new ArrayList<>();
        List<DetectedFace> faces = new ArrayList<>();
        for (Photo photo : photos) {
            DecodedImage image = first.decoder().decode(photo.bytes());
            first.detector().detect(image).stream()
                    .max(Comparator.comparingDouble(face -> face.box().area()))
                    .ifPresent(face -> {
                        images.add(image);
                        faces.add(face);
                    });
        }
        String loadBefore = PipelineBenchmark.loadAverage();
        Timings[] timings = new Timings[engines.size()];
        Arrays.setAll(timings, i -> new Timings());
        for (int photo = 0; photo < images.size(); photo++) {
            for (int turn = 0; turn < engines.size(); turn++) {
                int engine = (photo + turn) % engines.size();
                long started = System.nanoTime();
                engines.get(engine).embedder().embed(images.get(photo), List.of(faces.get(photo)));
                if (photo >= WARM_UP) {
                    timings[engine].addNanos(System.nanoTime() - started);
                }
            }
        }
        OUT.printf(
                Locale.ROOT,
                "embedding one face (align + infer), %d LFW faces after %d warm-up, one caller, %d cores, %s%n",
                timings[0].count(),
                WARM_UP,
                Runtime.getRuntime().availableProcessors(),
                first.threading());
        OUT.println("system load average (1 min) before: " + loadBefore);
        TextTable table = new TextTable("recognizer", "dimension", "ms/face median", "p95", "mean", "mean vs first");
        for (int i = 0; i < engines.size(); i++) {
            table.row(
                    engines.get(i).embedder().model().id(),
                    engines.get(i).embedder().model().embeddingSize(),
                    Timings.format(timings[i].median()),
                    Timings.format(timings[i].p95()),
                    Timings.format(timings[i].mean()),
                    String.format(Locale.ROOT, "%.2fx", timings[i].mean() / timings[0].mean()));
            OUT.printf(
                    Locale.ROOT,
                    "embed: recognizer=%s median_ms=%.2f p95_ms=%.2f mean_ms=%.2f faces=%d%n",
                    engines.get(i).embedder().model().id(),
                    timings[i].median(),
                    timings[i].p95(),
                    timings[i].mean(),
                    timings[i].count());
        }
        table.print(OUT);
        OUT.println("system load average (1 min) after: " + PipelineBenchmark.loadAverage());
    }
}
