package dev.facerec.tools.bench;

import ai.onnxruntime.OrtEnvironment;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.pack.ModelPack;
import dev.facerec.ml.pack.ModelPacks;
import dev.facerec.tools.bench.BenchmarkPhotos.Photo;
import dev.facerec.tools.bench.StageBenchmark.BatchProbe;
import dev.facerec.tools.bench.StageBenchmark.Stages;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code make bench}: prints per-stage latencies, throughput under concurrent requests and a comparison with
 * OpenCV's own YuNet, all measured in this run on this machine. A command that prints figures, not a test: nothing
 * here asserts on time. See {@link BenchmarkOptions#USAGE} for the arguments.
 */
public final class PipelineBenchmark {
    private static final PrintStream OUT = System.out;
    private static final int[] CONCURRENCY = {1, 2, 4, 8};

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(options);
    }

    /**
     * The 250x250 figures that issue 13's targets name, for a summary after this report.
     *
     * @param lfwEndToEndMedianMillis decode, detect and embed the largest face, one photo at a time
     * @param throughput decode, detect and embed every face at each concurrency
     */
    public record Figures(double lfwEndToEndMedianMillis, List<ThroughputBenchmark.Result> throughput) {}

    /** Prints sections 1 to 3 on standard output and returns the figures the targets name. */
    public static Figures run(BenchmarkOptions options) throws Exception {
        MlConfig config = options.config();
        ModelPacks packs = ModelPacks.load(config.modelsDirectory());
        ModelPack detectorPack = packs.get(config.detectorPack(), ModelPack.Kind.DETECTOR);
        ModelPack recognizerPack = packs.get(config.recognizerPack(), ModelPack.Kind.RECOGNIZER);
        List<Photo> lfw = BenchmarkPhotos.lfwSample(options.data(), options.images());
        List<Photo> large = BenchmarkPhotos.largeAndMultiFace(options.data());
        int warmUp = Math.min(20, lfw.size());
        int cores = Runtime.getRuntime().availableProcessors();
        try (FaceEngine engine = FaceEngine.start(config)) {
            BatchProbe batches = BatchProbe.of(engine);
            String openCvVersion = OpenCvReference.load(cores);
            TextTable configuration = new TextTable("setting", "value")
                    .leftAligned()
                    .row("cores (availableProcessors)", cores)
                    .row(
                            "JVM",
                            Runtime.version() + ", max heap "
                                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB")
                    .row(
                            "ONNX Runtime",
                            OrtEnvironment.getEnvironment().getVersion() + " on " + engine.executionProvider())
                    .row(
                            "requested threads x concurrency",
                            options.threads() + " x " + options.concurrency() + " (0 = automatic)")
                    .row("effective threading", engine.threading())
                    .row(
                            "detector",
                            detectorPack.id() + " (" + detectorPack.file() + "), score >= "
                                    + config.detectionScoreThreshold() + ", max side " + config.maxDetectionSide()
                                    + " px")
                    .row(
                            "recognizer",
                            recognizerPack.id() + " ("
                                    + (recognizerPack.fused()
                                            ? "fused: " + recognizerPack.members()
                                            : recognizerPack.file() + ", "
                                                    + recognizerPack.input().channelOrder())
                                    + "), " + recognizerPack.embeddingSize() + "-d")
                    .row(
                            "recognizer batches",
                            (batches.accepted() ? "accepted" : "NOT accepted: batched = batch-1 loop")
                                    + " (pack dynamicBatch="
                                    + (recognizerPack.fused()
                                            ? "-"
                                            : recognizerPack.input().dynamicBatch())
                                    + "; probe: "
                                    + batches.detail() + ")")
                    .row("LFW sample", lfw.size() + " images (evenly spaced over the sorted list), warm-up " + warmUp)
                    .row(
                            "large + multi-face",
                            large.size() + " photos, " + options.repeats() + " measured runs each after 1 warm-up")
                    .row("throughput", options.seconds() + " s per concurrency level, photos preloaded in memory")
                    .row("OpenCV", openCvVersion)
                    .row("engine load", engine.loadMillis() + " ms")
                    .row("system load average (1 min) at start", loadAverage());
            section("Configuration");
            configuration.print(OUT);

            StageBenchmark stages = new StageBenchmark(engine, recognizerPack, batches.accepted());
            String embedAll = batches.accepted() ? "batched, one call" : "batch-1 loop (no batches)";
            double endToEnd = lfwStages(stages, lfw, warmUp, embedAll);
            largeStages(stages, large, options.repeats(), embedAll);
            List<ThroughputBenchmark.Result> throughput = throughput(engine, lfw, options.seconds());
            section("3. Reference: OpenCV FaceDetectorYN on the same model file, pixels and score threshold");
            new OpenCvSection(OUT, config, packs).print(engine, lfw, warmUp);
            OUT.println();
            OUT.println("system load average (1 min) at the end: " + loadAverage());
            return new Figures(endToEnd, throughput);
        }
    }

    /** @return the median of decode + detect + embed the largest face */
    private static double lfwStages(StageBenchmark benchmark, List<Photo> lfw, int warmUp, String embedAll) {
        section("1a. Per-stage latency, LFW sample (" + lfw.size() + " photos of 250x250 px; after " + warmUp
                + " warm-up photos)");
        Stages discarded = new Stages();
        lfw.subList(0, warmUp).forEach(photo -> benchmark.measure(photo, discarded, true));
        Stages stages = new Stages();
        lfw.forEach(photo -> benchmark.measure(photo, stages, true));
        new TextTable("stage", "unit", "median ms", "p95 ms", "samples")
                .row(
                        "decode",
                        "per photo",
                        cell(stages.decode.median()),
                        cell(stages.decode.p95()),
                        stages.decode.count())
                .row(
                        "detect",
                        "per photo",
                        cell(stages.detect.median()),
                        cell(stages.detect.p95()),
                        stages.detect.count())
                .row(
                        "align",
                        "per face",
                        cell(stages.alignPerFace.median()),
                        cell(stages.alignPerFace.p95()),
                        stages.alignPerFace.count())
                .row(
                        "embed, batch 1",
                        "per face",
                        cell(stages.embedBatch1PerFace.median()),
                        cell(stages.embedBatch1PerFace.p95()),
                        stages.embedBatch1PerFace.count())
                .row(
                        "embed all faces, " + embedAll,
                        "per photo",
                        cell(stages.embedAllFaces.median()),
                        cell(stages.embedAllFaces.p95()),
                        stages.embedAllFaces.count())
                .row(
                        "end to end: decode+detect+embed largest",
                        "per photo",
                        cell(stages.endToEnd.median()),
                        cell(stages.endToEnd.p95()),
                        stages.endToEnd.count())
                .print(OUT);
        OUT.printf(
                Locale.ROOT,
                "faces found: %d in %d photos; photos without a face: %d%n",
                stages.faces,
                stages.photos,
                stages.photosWithoutFace);
        return stages.endToEnd.median();
    }

    private static void largeStages(StageBenchmark benchmark, List<Photo> photos, int repeats, String embedAll) {
        section("1b. Per-stage latency, large and multi-face photos (cells: median/p95 ms over " + repeats
                + " runs after 1 warm-up; end to end embeds every face)");
        TextTable table = new TextTable(
                "photo",
                "size px",
                "faces",
                "decode ms",
                "detect ms",
                "align ms/face",
                "embed b1 ms/face",
                "embed all ms/photo",
                "embed all ms/face",
                "end to end ms");
        for (Photo photo : photos) {
            benchmark.measure(photo, new Stages(), false);
            Stages stages = new Stages();
            for (int i = 0; i < repeats; i++) {
                benchmark.measure(photo, stages, false);
            }
            int faces = stages.faces / repeats;
            table.row(
                    photo.name(),
                    stages.size,
                    faces,
                    stages.decode.medianAndP95(),
                    stages.detect.medianAndP95(),
                    stages.alignPerFace.medianAndP95(),
                    stages.embedBatch1PerFace.medianAndP95(),
                    stages.embedAllFaces.medianAndP95(),
                    faces == 0 ? "-" : Timings.format(stages.embedAllFaces.median() / faces),
                    stages.endToEnd.medianAndP95());
        }
        table.print(OUT);
        OUT.println("embed all = all faces of the photo " + embedAll + "; detection downscales photos to the max side");
    }

    private static List<ThroughputBenchmark.Result> throughput(FaceEngine engine, List<Photo> lfw, double seconds)
            throws InterruptedException {
        section("2. Throughput, concurrent requests of decode -> detect -> embed all faces, LFW sample, ~" + seconds
                + " s each");
        ThroughputBenchmark<Photo> benchmark = ThroughputBenchmark.pipeline(engine, lfw);
        List<ThroughputBenchmark.Result> results = new ArrayList<>();
        TextTable table = new TextTable(
                "concurrent requests",
                "photos",
                "faces",
                "wall s",
                "photos/s",
                "faces/s",
                "latency p50 ms",
                "latency p95 ms");
        for (int concurrency : CONCURRENCY) {
            ThroughputBenchmark.Result result = benchmark.run(concurrency, seconds);
            if (result.failures() > 0) {
                throw new IllegalStateException(
                        "a request failed at concurrency " + concurrency + ": " + result.failureSamples());
            }
            results.add(result);
            table.row(
                    concurrency,
                    result.photos(),
                    result.faces(),
                    format("%.1f", result.wallSeconds()),
                    format("%.1f", result.photosPerSecond()),
                    format("%.1f", result.facesPerSecond()),
                    cell(result.latency().median()),
                    cell(result.latency().p95()));
        }
        table.print(OUT);
        return results;
    }

    /** The 1-minute load average with a reminder of what it means for the figures. */
    public static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
        return load < 0 ? "unknown" : format("%.1f", load) + " (other work on the machine skews every figure)";
    }

    /** A section heading, as every benchmark report here prints them. */
    public static void section(String title) {
        OUT.println();
        OUT.println("== " + title + " ==");
    }

    private static String cell(double millis) {
        return Timings.format(millis);
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
