package dev.facerec.tools.bench;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.pack.ModelPack;
import dev.facerec.ml.pack.ModelPacks;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.FaceDetectorYN;

/**
 * The reference detector: OpenCV's own {@code FaceDetectorYN} on the same model file, the same decoded pixels and
 * the same score threshold as ours. Both detectors run on each image in turn (alternating which goes first), so
 * that load from elsewhere on the machine hits both alike. {@link #detectEncoded} times OpenCV's whole path from the
 * encoded photo instead, for the large-photo figures of {@code make bench}.
 */
public final class OpenCvReference {
    /** The model OpenCV's own figures were published with, for when OpenCV cannot run the product's. */
    static final String FALLBACK_DETECTOR = "yunet-2023mar";

    private static final float NMS_THRESHOLD = 0.3f;
    private static final int TOP_K = 5000;

    private final FaceDetectorYN detector;

    private OpenCvReference(FaceDetectorYN detector) {
        this.detector = detector;
    }

    /** Loads OpenCV's native library and sets its thread count; returns OpenCV's version. */
    public static String load(int threads) {
        nu.pattern.OpenCV.loadLocally();
        Core.setNumThreads(threads);
        return Core.VERSION + " (" + Core.getNumThreads() + " threads)";
    }

    /** OpenCV's detector on {@code model}, or empty with the reason when OpenCV cannot load or run that model. */
    public static Optional<OpenCvReference> create(Path model, float scoreThreshold, StringBuilder failure) {
        try {
            FaceDetectorYN detector = FaceDetectorYN.create(
                    model.toString(), "", new Size(320, 320), scoreThreshold, NMS_THRESHOLD, TOP_K);
            Mat probe = Mat.zeros(250, 250, CvType.CV_8UC3);
            Mat faces = new Mat();
            detector.setInputSize(probe.size());
            detector.detect(probe, faces);
            probe.release();
            faces.release();
            return Optional.of(new OpenCvReference(detector));
        } catch (RuntimeException e) {
            failure.append(String.valueOf(e.getMessage())
                    .lines()
                    .filter(l -> !l.isBlank())
                    .findFirst()
                    .orElse(""));
            return Optional.empty();
        }
    }

    /**
     * OpenCV's detector on the product's detector model with its score threshold, or on {@link #FALLBACK_DETECTOR}
     * when OpenCV cannot run that model; {@code note} says which model, and why when it fell back.
     */
    public static Optional<OpenCvReference> forDetector(ModelPacks packs, MlConfig config, StringBuilder note) {
        ModelPack product = packs.get(config.detectorPack(), ModelPack.Kind.DETECTOR);
        StringBuilder failure = new StringBuilder();
        Optional<OpenCvReference> reference =
                create(packs.modelsDirectory().resolve(product.file()), config.detectionScoreThreshold(), failure);
        if (reference.isPresent()) {
            note.append(product.file());
            return reference;
        }
        ModelPack fallback = packs.get(FALLBACK_DETECTOR, ModelPack.Kind.DETECTOR);
        note.append(fallback.file())
                .append(" (OpenCV cannot run ")
                .append(product.file())
                .append(": ")
                .append(failure)
                .append(')');
        failure.setLength(0);
        reference = create(packs.modelsDirectory().resolve(fallback.file()), config.detectionScoreThreshold(), failure);
        if (reference.isEmpty()) {
            note.append("; OpenCV cannot run that either: ").append(failure);
        }
        return reference;
    }

    /** How {@code imdecode} decodes a JPEG: every pixel, or straight to 1/2, 1/4 or 1/8 scale (libjpeg's DCT scaling). */
    public enum Decode {
        FULL(Imgcodecs.IMREAD_COLOR, 1),
        REDUCED_2(Imgcodecs.IMREAD_REDUCED_COLOR_2, 2),
        REDUCED_4(Imgcodecs.IMREAD_REDUCED_COLOR_4, 4),
        REDUCED_8(Imgcodecs.IMREAD_REDUCED_COLOR_8, 8);

        private final int flags;
        private final int factor;

        Decode(int flags, int factor) {
            this.flags = flags;
            this.factor = factor;
        }

        public int factor() {
            return factor;
        }

        public String label() {
            return factor == 1 ? "IMREAD_COLOR" : "IMREAD_REDUCED_COLOR_" + factor;
        }

        /**
         * The coarsest reduced decode whose long side still covers what detection looks at ({@code maxSide}, or the
         * whole photo when it is smaller), or {@link #REDUCED_2} when even that falls short.
         */
        public static Decode coarsestCovering(int longSide, int maxSide) {
            Decode chosen = REDUCED_2;
            for (Decode mode : values()) {
                if (mode.factor > 1 && covers(mode, longSide, maxSide)) {
                    chosen = mode;
                }
            }
            return chosen;
        }

        /** Whether this decode's long side is at least what detection looks at. */
        public static boolean covers(Decode mode, int longSide, int maxSide) {
            return (longSide + mode.factor - 1) / mode.factor >= Math.min(longSide, maxSide);
        }
    }

    /**
     * One run of OpenCV's path on an encoded photo.
     *
     * @param decodeNanos {@code imdecode} alone
     * @param totalNanos decode, resize and detect
     * @param width the decoded width (before the resize)
     * @param height the decoded height
     */
    public record EncodedRun(long decodeNanos, long totalNanos, int width, int height, int faces) {}

    /**
     * What an OpenCV user writes to find the faces in an upload: {@code imdecode} (which honours EXIF orientation, as
     * our decoder does), a resize so that the long side is at most {@code maxSide} (area averaging beyond 2x, bilinear
     * below, as our detector's own resampling), then one {@code FaceDetectorYN} pass. Copying the encoded bytes into
     * native memory is not timed.
     */
    public EncodedRun detectEncoded(byte[] encoded, Decode mode, int maxSide) {
        MatOfByte buffer = new MatOfByte(encoded);
        Mat faces = new Mat();
        long started = System.nanoTime();
        Mat mat = Imgcodecs.imdecode(buffer, mode.flags);
        long decoded = System.nanoTime();
        try {
            if (mat.empty()) {
                throw new IllegalArgumentException("OpenCV cannot decode this photo with " + mode.label());
            }
            int width = mat.cols();
            int height = mat.rows();
            double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
            Mat input = mat;
            if (scale < 1) {
                input = new Mat();
                Size size = new Size(Math.round(width * scale), Math.round(height * scale));
                Imgproc.resize(mat, input, size, 0, 0, scale < 0.5 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            }
            detector.setInputSize(input.size());
            detector.detect(input, faces);
            long total = System.nanoTime() - started;
            if (input != mat) {
                input.release();
            }
            return new EncodedRun(decoded - started, total, width, height, faces.rows());
        } finally {
            mat.release();
            faces.release();
            buffer.release();
        }
    }

    /** Both detectors' timings and face counts for one input size. */
    record Comparison(
            String setting, Timings ours, Timings openCv, int images, int agreeing, int oursFaces, int openCvFaces) {
        double ratio() {
            return ours.median() / openCv.median();
        }
    }

    /**
     * Runs both detectors on every image, the first {@code warmUp} unmeasured.
     *
     * @param side resize each image to {@code side x side} first (bilinear, not timed), or 0 for the native size
     */
    Comparison compare(String setting, FaceDetector ours, List<DecodedImage> images, int side, int warmUp) {
        return run(setting, requireNonNull(ours, "ours is null"), images, side, warmUp);
    }

    /** OpenCV alone on every image (for a figure to set beside a published one), the first {@code warmUp} unmeasured. */
    Timings timeAlone(List<DecodedImage> images, int side, int warmUp) {
        return run("OpenCV alone", null, images, side, warmUp).openCv();
    }

    /** @param ours our detector, or null to run OpenCV's alone */
    private Comparison run(String setting, FaceDetector ours, List<DecodedImage> images, int side, int warmUp) {
        Timings oursTimings = new Timings();
        Timings openCvTimings = new Timings();
        int agreeing = 0;
        int oursFaces = 0;
        int openCvFaces = 0;
        Mat faces = new Mat();
        for (int i = 0; i < warmUp + images.size(); i++) {
            boolean measured = i >= warmUp;
            DecodedImage source = images.get(measured ? i - warmUp : i % images.size());
            Mat mat = toMat(source);
            DecodedImage image = source;
            if (side > 0) {
                Mat resized = new Mat();
                Imgproc.resize(mat, resized, new Size(side, side), 0, 0, Imgproc.INTER_LINEAR);
                mat.release();
                mat = resized;
                byte[] pixels = new byte[side * side * 3];
                mat.get(0, 0, pixels);
                image = new DecodedImage(side, side, pixels, source.format());
            }
            detector.setInputSize(mat.size());
            long oursNanos = 0;
            long openCvNanos = 0;
            int oursCount = 0;
            for (int turn = 0; turn < 2; turn++) {
                long started = System.nanoTime();
                if ((turn + i) % 2 == 0 && ours != null) {
                    oursCount = ours.detect(image).size();
                    oursNanos = System.nanoTime() - started;
                } else if ((turn + i) % 2 != 0) {
                    detector.detect(mat, faces);
                    openCvNanos = System.nanoTime() - started;
                }
            }
            mat.release();
            if (measured) {
                oursTimings.addNanos(oursNanos);
                openCvTimings.addNanos(openCvNanos);
                oursFaces += oursCount;
                openCvFaces += faces.rows();
                agreeing += oursCount == faces.rows() ? 1 : 0;
            }
        }
        faces.release();
        return new Comparison(setting, oursTimings, openCvTimings, images.size(), agreeing, oursFaces, openCvFaces);
    }

    private static Mat toMat(DecodedImage image) {
        Mat mat = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        mat.put(0, 0, image.bgr());
        return mat;
    }
}
