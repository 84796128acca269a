package dev.facerec.tools.bench;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.pack.ModelPack;
import dev.facerec.ml.pack.ModelPacks;
import dev.facerec.tools.bench.BenchmarkPhotos.Photo;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Section 3 of the report: our detector against OpenCV's on the product's detector model, at the photos' own size and
 * at 640x640, then OpenCV alone on the 2023mar model to set this machine beside the published figure. When OpenCV
 * cannot run the product's model, both detectors fall back to the 2023mar model and the report says so.
 */
final class OpenCvSection {
    private static final String FALLBACK = OpenCvReference.FALLBACK_DETECTOR;
    private static final double PUBLISHED_MILLIS = 16;

    private final PrintStream out;
    private final MlConfig config;
    private final ModelPacks packs;

    OpenCvSection(PrintStream out, MlConfig config, ModelPacks packs) {
        this.out = requireNonNull(out, "out is null");
        this.config = requireNonNull(config, "config is null");
        this.packs = requireNonNull(packs, "packs is null");
    }

    void print(FaceEngine engine, List<Photo> photos, int warmUp) {
        ModelPack product = packs.get(config.detectorPack(), ModelPack.Kind.DETECTOR);
        StringBuilder failure = new StringBuilder();
        Optional<OpenCvReference> reference = openCv(product, failure);
        if (reference.isPresent()) {
            compare(product, reference.get(), engine, photos, warmUp);
            return;
        }
        ModelPack fallback = packs.get(FALLBACK, ModelPack.Kind.DETECTOR);
        out.println("OpenCV cannot run " + product.file() + " (" + failure + "); FALLING BACK to " + fallback.file()
                + " for BOTH detectors in this section");
        failure.setLength(0);
        reference = openCv(fallback, failure);
        if (reference.isEmpty()) {
            out.println("OpenCV cannot run " + fallback.file() + " either (" + failure + "): no reference figures");
            return;
        }
        try (FaceEngine fallbackEngine = FaceEngine.start(withDetector(fallback.id()))) {
            compare(fallback, reference.get(), fallbackEngine, photos, warmUp);
        }
    }

    private void compare(
            ModelPack model, OpenCvReference reference, FaceEngine engine, List<Photo> photos, int warmUp) {
        List<DecodedImage> images = photos.stream()
                .map(photo -> engine.decoder().decode(photo.bytes()))
                .toList();
        List<OpenCvReference.Comparison> comparisons = List.of(
                reference.compare("native size", engine.detector(), images, 0, warmUp),
                reference.compare("640x640 (resized)", engine.detector(), images, 640, warmUp));
        out.println("model file for both: " + model.file() + "; score >= " + config.detectionScoreThreshold()
                + ", NMS IoU 0.3, both on the same BGR pixels, run alternately on each image");
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
                    Timings.format(c.ours().median()),
                    Timings.format(c.ours().p95()),
                    Timings.format(c.openCv().median()),
                    Timings.format(c.openCv().p95()),
                    String.format(Locale.ROOT, "%.2f", c.ratio()),
                    c.oursFaces(),
                    c.openCvFaces(),
                    c.agreeing() + "/" + c.images());
        }
        table.print(out);
        out.println("published reference: OpenCV 4.9 detects at about 16 ms per image at 640x640 on 2 cores");
        calibrate(images, warmUp);
    }

    /**
     * OpenCV alone on the model the published figure was most likely measured with, so that the reader can tell how
     * much slower than usual this machine ran during this run.
     */
    private void calibrate(List<DecodedImage> images, int warmUp) {
        ModelPack model = packs.get(FALLBACK, ModelPack.Kind.DETECTOR);
        StringBuilder failure = new StringBuilder();
        Optional<OpenCvReference> openCv = openCv(model, failure);
        if (openCv.isEmpty()) {
            out.println("calibration skipped: OpenCV cannot run " + model.file() + " (" + failure + ")");
            return;
        }
        Timings timings = openCv.get().timeAlone(images, 640, warmUp);
        out.printf(
                Locale.ROOT,
                "calibration: OpenCV alone on %s at 640x640 here: median %s ms, p95 %s ms (%.1fx the published %.0f ms)%n",
                model.file(),
                Timings.format(timings.median()),
                Timings.format(timings.p95()),
                timings.median() / PUBLISHED_MILLIS,
                PUBLISHED_MILLIS);
    }

    private Optional<OpenCvReference> openCv(ModelPack model, StringBuilder failure) {
        return OpenCvReference.create(
                packs.modelsDirectory().resolve(model.file()), config.detectionScoreThreshold(), failure);
    }

    private MlConfig withDetector(String detector) {
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
}
