package dev.facerec.tools.bench;

import dev.facerec.ml.MlConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of {@link PipelineBenchmark}.
 *
 * @param data the shared data directory ({@code lfw-dev/images}, {@code detection/large}, ...)
 * @param models the models directory
 * @param images how many LFW images to sample
 * @param recognizer recognizer pack id
 * @param threads intra-op threads per inference passed to {@link MlConfig} (0 = automatic)
 * @param concurrency concurrent inferences passed to {@link MlConfig} (0 = automatic)
 * @param seconds how long each throughput run lasts
 * @param repeats measured runs per large or multi-face photo
 */
public record BenchmarkOptions(
        Path data,
        Path models,
        int images,
        String recognizer,
        int threads,
        int concurrency,
        double seconds,
        int repeats) {
    private static final Set<String> KNOWN =
            Set.of("data", "models", "images", "recognizer", "threads", "concurrency", "seconds", "repeats");

    public static final String USAGE =
            "usage: PipelineBenchmark --data <shared data dir> --models <models dir> [--images N]"
                    + " [--recognizer id] [--threads T] [--concurrency C] [--seconds S] [--repeats R]";

    public BenchmarkOptions {
        if (images < 1 || repeats < 1 || !(seconds > 0)) {
            throw new IllegalArgumentException("--images, --repeats and --seconds must be positive");
        }
    }

    public static BenchmarkOptions parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!KNOWN.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad or incomplete option '" + args[i] + "'; " + USAGE);
            }
            options.put(name, args[i + 1]);
        }
        if (!options.containsKey("data") || !options.containsKey("models")) {
            throw new IllegalArgumentException("--data and --models are required; " + USAGE);
        }
        return new BenchmarkOptions(
                Path.of(options.get("data")),
                Path.of(options.get("models")),
                Integer.parseInt(options.getOrDefault("images", "300")),
                options.getOrDefault("recognizer", MlConfig.DEFAULT_RECOGNIZER),
                Integer.parseInt(options.getOrDefault("threads", "0")),
                Integer.parseInt(options.getOrDefault("concurrency", "0")),
                Double.parseDouble(options.getOrDefault("seconds", "10")),
                Integer.parseInt(options.getOrDefault("repeats", "3")));
    }

    /** The product's defaults for the models directory, with this run's recognizer, threads and concurrency. */
    public MlConfig config() {
        MlConfig defaults = MlConfig.defaults(models);
        return new MlConfig(
                defaults.modelsDirectory(),
                defaults.detectorPack(),
                recognizer,
                defaults.device(),
                threads,
                concurrency,
                defaults.maxPixels(),
                defaults.detectionScoreThreshold(),
                defaults.maxDetectionSide());
    }
}
