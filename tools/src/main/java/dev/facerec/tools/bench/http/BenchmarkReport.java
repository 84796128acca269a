package dev.facerec.tools.bench.http;

import static dev.facerec.tools.bench.PipelineBenchmark.section;

import dev.facerec.ml.MlConfig;
import dev.facerec.ml.pack.ModelPacks;
import dev.facerec.tools.bench.BenchmarkPhotos;
import dev.facerec.tools.bench.BenchmarkPhotos.Photo;
import dev.facerec.tools.bench.OpenCvReference;
import dev.facerec.tools.bench.PipelineBenchmark;
import dev.facerec.tools.bench.TextTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code make bench}: one report, in one run on this machine, of the in-process pipeline on the shared photos
 * ({@link PipelineBenchmark}, sections 1 to 3), then the service jar over HTTP as {@code make run} starts it: the large
 * JPEGs through {@code /detect} and {@code /identify} beside OpenCV's decode + resize + detect of the same photos
 * (section 4a), a 12 MP HEIC (4b), concurrent clients sending phone-size photos with the service's heap watched (4c),
 * and last issue 13's targets beside what was measured. A command that prints figures, not a test. See
 * {@link ReportOptions#USAGE}.
 */
public final class BenchmarkReport {
    private static final PrintStream OUT = System.out;
    /** The phone-size photos the targets name (14 MP and 12.6 MP), then a 4 MP camera photo for comparison. */
    static final List<String> PHONE = List.of("deepface_img40_3061x4600.jpg", "deepface_img49_4352x2903.jpg");

    private static final String CAMERA = "facenetpytorch_shea_whigham_2048.jpg";
    private static final String HEIC = "heic-avif/deepface_img49_4352x2903.heic";

    private BenchmarkReport() {}

    public static void main(String[] args) throws Exception {
        ReportOptions options;
        try {
            options = ReportOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        PipelineBenchmark.Figures pipeline =
                options.runs("pipeline") ? PipelineBenchmark.run(options.pipeline()) : null;
        long pipelineDone = System.nanoTime();
        String openCv = OpenCvReference.load(Runtime.getRuntime().availableProcessors());
        PhotoFigures photos = options.runs("photos") ? photos(options, openCv) : null;
        long photosDone = System.nanoTime();
        section("5. Issue 13's targets, this run");
        Targets.print(PHONE, photos, pipeline, OUT);
        OUT.println("system load average (1 min) at the end: " + PipelineBenchmark.loadAverage());
        OUT.printf(
                Locale.ROOT,
                "run time: %.0f s in process (sections 1-3), %.0f s over HTTP (section 4, the service's start"
                        + " included)%n",
                (pipelineDone - started) / 1e9,
                (photosDone - pipelineDone) / 1e9);
    }

    private static PhotoFigures photos(ReportOptions options, String openCvVersion) throws Exception {
        MlConfig config = options.pipeline().config();
        int maxSide = detectionMaxSide(config);
        Path data = options.data();
        List<Photo> large = PHONE.stream()
                .map(name -> read(data, "detection/large/" + name))
                .toList();
        List<Photo> sequential = new ArrayList<>(large);
        sequential.add(read(data, "detection/large/" + CAMERA));
        StringBuilder model = new StringBuilder();
        Optional<OpenCvReference> openCv =
                OpenCvReference.forDetector(ModelPacks.load(config.modelsDirectory()), config, model);
        long started = System.nanoTime();
        try (ServiceUnderTest service = ServiceUnderTest.start(
                options.jar(), config.modelsDirectory().toString(), options.javaOptions(), Map.of())) {
            double startSeconds = (System.nanoTime() - started) / 1e9;
            ServiceClient http = service.http();
            LfwGallery gallery = LfwGallery.enrol(http, data.resolve("lfw-dev/images"), options.people());
            section("4. The service jar over HTTP (started as make run starts it), with OpenCV's reference in this"
                    + " process");
            new TextTable("setting", "value")
                    .leftAligned()
                    .row("jar", options.jar() + ", ready in " + format("%.1f", startSeconds) + " s")
                    .row("service JVM options", String.join(" ", service.javaOptions()) + " (+ a GC log)")
                    .row(
                            "service",
                            "embedded default: H2 and local images in a fresh temporary folder, in-process"
                                    + " cache; DETECTION_MAX_SIDE " + maxSide)
                    .row(
                            "gallery for identify",
                            gallery.enrolled() + " of " + gallery.attempted() + " lfw-dev people enrolled in "
                                    + format("%.1f", gallery.seconds()) + " s (first photo each)")
                    .row("rounds", ReportOptions.WARM_UP + " warm-up, then " + options.repeats() + " measured")
                    .row("OpenCV", openCvVersion + ", model " + model)
                    .row("system load average (1 min)", PipelineBenchmark.loadAverage())
                    .print(OUT);

            section("4a. Large photos one request at a time (cells: median/p95 over " + options.repeats() + " rounds)");
            List<LargePhotoSection.Figures> figures = new LargePhotoSection(http, gallery.id(), openCv, maxSide)
                    .run(sequential, ReportOptions.WARM_UP, options.repeats());
            LargePhotoSection.print(figures, openCv.isPresent(), maxSide, OUT);

            section("4b. HEIC, 12.6 MP, /detect one request at a time");
            HeicSection.Figures heic =
                    HeicSection.run(http, read(data, HEIC), ReportOptions.WARM_UP, options.repeats());
            OUT.println(heic.note());

            section("4c. " + options.clients() + " concurrent clients sending the 12-14 MP photos to /detect for "
                    + options.loadSeconds() + " s");
            LoadSection.Figures load = LoadSection.run(service, large, options.clients(), options.loadSeconds());
            LoadSection.print(load, large, service.javaOptions(), OUT);
            OUT.println("system load average (1 min): " + PipelineBenchmark.loadAverage());
            return new PhotoFigures(figures, heic, load);
        }
    }

    /** The service's {@code DETECTION_MAX_SIDE}: the environment's when set (the service inherits it), else the default. */
    private static int detectionMaxSide(MlConfig config) {
        String fromEnvironment = System.getenv("DETECTION_MAX_SIDE");
        return fromEnvironment == null || fromEnvironment.isBlank()
                ? config.maxDetectionSide()
                : Integer.parseInt(fromEnvironment.strip());
    }

    private static Photo read(Path data, String relative) {
        return BenchmarkPhotos.read(data.resolve(relative));
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
