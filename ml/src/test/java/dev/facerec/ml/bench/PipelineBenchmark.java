package dev.facerec.ml.bench;

import ai.onnxruntime.OrtEnvironment;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.bench.BenchmarkPhotos.Photo;
import dev.facerec.ml.bench.StageBenchmark.BatchProbe;
import dev.facerec.ml.bench.StageBenchmark.Stages;
import dev.facerec.ml.pack.ModelPack;
import dev.facerec.ml.pack.ModelPacks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make bench}: prints per-stage latencies, throughput under concurrent requests and a comparison with
 * OpenCV's own YuNet, all measured in this run on this machine. A command that prints figures, not a test: nothing
 * here asserts on time. See {@link BenchmarkOptions#USAGE} for the arguments.
 */
public final class PipelineBenchmark {
    private static final PrintStream OUT = System.out;
    private static final Pattern THREADING =
            Pattern.compile("(\\d+) concurrent inference\\(s\\) x (\\d+) thread\\(s\\)");
    private static final int[] CONCURRENCY = {1, 2, 8};

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
        MlConfig config = options.config();
        ModelPacks packs = ModelPacks.load(config.modelsDirectory());
        ModelPack detectorPack = packs.get(config.detectorPack(), ModelPack.Kind.DETECTOR);
        ModelPack recognizerPack = packs.get(config.recognizerPack(), ModelPack.Kind.RECOGNIZER);
        List<Photo> lfw = BenchmarkPhotos.lfwSample(options.data(), options.images());
        List<Photo> large = BenchmarkPhotos.largeAndMultiFace(options.data());
        int warmUp = Math.min(20, lfw.size());
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> engineLog = new ArrayList<>();
        try (FaceEngine engine = startCapturingLog(config, engineLog)) {
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
                    .row("effective (engine log)", threading(engineLog))
                    .row(
                            "detector",
                            detectorPack.id() + " (" + detectorPack.file() + "), score >= "
                                    + config.detectionScoreThreshold() + ", max side " + config.maxDetectionSide()
                                    + " px")
                    .row(
                            "recognizer",
                            recognizerPack.id() + " (" + recognizerPack.file() + "), " + recognizerPack.embeddingSize()
                                    + "-d, " + recognizerPack.input().channelOrder())
                    .row(
                            "recognizer batches",
                            (batches.accepted() ? "accepted" : "NOT accepted: batched = batch-1 loop")
                                    + " (pack dynamicBatch="
                                    + recognizerPack.input().dynamicBatch() + "; probe: "
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
            engineLog.forEach(line -> OUT.println("  engine log: " + line));

            StageBenchmark stages = new StageBenchmark(engine, recognizerPack, batches.accepted());
            String embedAll = batches.accepted() ? "batched, one call" : "batch-1 loop (no batches)";
            lfwStages(stages, lfw, warmUp, embedAll);
            largeStages(stages, large, options.repeats(), embedAll);
            throughput(engine, lfw, options.seconds());
            openCv(options, config, packs, detectorPack, engine, lfw, warmUp);
            OUT.println();
            OUT.println("system load average (1 min) at the end: " + loadAverage());
        }
    }

    private static void lfwStages(StageBenchmark benchmark, List<Photo> lfw, int warmUp, String embedAll) {
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

    private static void throughput(FaceEngine engine, List<Photo> lfw, double seconds) throws InterruptedException {
        section("2. Throughput, concurrent requests of decode -> detect -> embed all faces, LFW sample, ~" + seconds
                + " s each");
        ThroughputBenchmark benchmark = new ThroughputBenchmark(engine, lfw);
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
    }

    private static void openCv(
            BenchmarkOptions options,
            MlConfig config,
            ModelPacks packs,
            ModelPack detectorPack,
            FaceEngine engine,
            List<Photo> lfw,
            int warmUp) {
        section("3. Reference: OpenCV FaceDetectorYN on the same model file, pixels and score threshold");
        StringBuilder failure = new StringBuilder();
        Optional<OpenCvReference> reference = OpenCvReference.create(
                packs.modelsDirectory().resolve(detectorPack.file()), config.detectionScoreThreshold(), failure);
        FaceEngine fallbackEngine = null;
        ModelPack used = detectorPack;
        if (reference.isEmpty()) {
            used = packs.get("yunet-2023mar", ModelPack.Kind.DETECTOR);
            OUT.println("OpenCV cannot run " + detectorPack.file() + " (" + failure + "); FALLING BACK to "
                    + used.file() + " for BOTH detectors in this section");
            fallbackEngine = FaceEngine.start(withDetector(config, used.id()));
            failure.setLength(0);
            reference = OpenCvReference.create(
                    packs.modelsDirectory().resolve(used.file()), config.detectionScoreThreshold(), failure);
            if (reference.isEmpty()) {
                OUT.println("OpenCV cannot run " + used.file() + " either (" + failure + "): no reference figures");
                fallbackEngine.close();
                return;
            }
        }
        try {
            FaceEngine ours = fallbackEngine != null ? fallbackEngine : engine;
            List<DecodedImage> images = lfw.stream()
                    .map(photo -> ours.decoder().decode(photo.bytes()))
                    .toList();
            List<OpenCvReference.Comparison> comparisons = List.of(
                    reference.get().compare("native size", ours.detector(), images, 0, warmUp),
                    reference.get().compare("640x640 (resized)", ours.detector(), images, 640, warmUp));
            OUT.println("model file for both: " + used.file());
            TextTable table = new TextTable(
                    "setting",
                    "images",
                    "ours median ms",
                    "ours p95 ms",
                    "OpenCV median ms",
                    "OpenCV p95 ms",
                    "ours/OpenCV (median)",
                    "faces ours",
                    "faces OpenCV",
                    "same face count (images)");
            for (OpenCvReference.Comparison c : comparisons) {
                table.row(
                        c.setting(),
                        c.images(),
                        cell(c.ours().median()),
                        cell(c.ours().p95()),
                        cell(c.openCv().median()),
                        cell(c.openCv().p95()),
                        format("%.2f", c.ratio()),
                        c.oursFaces(),
                        c.openCvFaces(),
                        c.agreeing() + "/" + c.images());
            }
            table.print(OUT);
            OUT.println("published reference: OpenCV 4.9 detects at about 16 ms per image at 640x640 on 2 cores");
            calibrate(packs, config, images, warmUp);
        } finally {
            if (fallbackEngine != null) {
                fallbackEngine.close();
            }
        }
    }

    /**
     * OpenCV alone on the model the published figure was most likely measured with, so that the reader can tell how
     * much slower than usual this machine ran during this run.
     */
    private static void calibrate(ModelPacks packs, MlConfig config, List<DecodedImage> images, int warmUp) {
        ModelPack reference = packs.get("yunet-2023mar", ModelPack.Kind.DETECTOR);
        StringBuilder failure = new StringBuilder();
        Optional<OpenCvReference> openCv = OpenCvReference.create(
                packs.modelsDirectory().resolve(reference.file()), config.detectionScoreThreshold(), failure);
        if (openCv.isEmpty()) {
            OUT.println("calibration skipped: OpenCV cannot run " + reference.file() + " (" + failure + ")");
            return;
        }
        Timings timings = openCv.get().timeAlone(images, 640, warmUp);
        OUT.printf(
                Locale.ROOT,
                "calibration: OpenCV alone on %s at 640x640 here: median %s ms, p95 %s ms (%.1fx the published 16 ms)%n",
                reference.file(),
                cell(timings.median()),
                cell(timings.p95()),
                timings.median() / 16);
    }

    private static MlConfig withDetector(MlConfig config, String detector) {
        return new MlConfig(
                config.modelsDirectory(),
                detector,
                config.recognizerPack(),
                config.device(),
                config.threads(),
                config.concurrency(),
                config.maxPixels(),
                config.detectionScoreThreshold(),
                config.maxDetectionSide());
    }

    /** Starts the engine while copying standard error, so that its own log line tells the effective threading. */
    private static FaceEngine startCapturingLog(MlConfig config, List<String> lines) {
        PrintStream original = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setErr(new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        original.write(b);
                        copy.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        original.write(bytes, offset, length);
                        copy.write(bytes, offset, length);
                    }
                },
                true));
        try {
            return FaceEngine.start(config);
        } finally {
            System.setErr(original);
            copy.toString().lines().filter(line -> !line.isBlank()).forEach(lines::add);
        }
    }

    private static String threading(List<String> engineLog) {
        for (String line : engineLog) {
            Matcher matcher = THREADING.matcher(line);
            if (matcher.find()) {
                return matcher.group(2) + " ONNX Runtime thread(s) per inference x " + matcher.group(1)
                        + " concurrent inference(s)";
            }
        }
        return "not found in the engine log (is slf4j-simple on the classpath?)";
    }

    private static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
        return load < 0 ? "unknown" : format("%.1f", load) + " (other work on the machine skews every figure)";
    }

    private static void section(String title) {
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
