package dev.facerec.ml.bench;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.image.DecodedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.FaceDetectorYN;

/**
 * The reference detector: OpenCV's own {@code FaceDetectorYN} on the same model file, the same decoded pixels and
 * the same score threshold as ours. Both detectors run on each image in turn (alternating which goes first), so
 * that load from elsewhere on the machine hits both alike.
 */
final class OpenCvReference {
    private static final float NMS_THRESHOLD = 0.3f;
    private static final int TOP_K = 5000;

    private final FaceDetectorYN detector;

    private OpenCvReference(FaceDetectorYN detector) {
        this.detector = detector;
    }

    /** Loads OpenCV's native library and sets its thread count; returns OpenCV's version. */
    static String load(int threads) {
        nu.pattern.OpenCV.loadLocally();
        Core.setNumThreads(threads);
        return Core.VERSION + " (" + Core.getNumThreads() + " threads)";
    }

    /** OpenCV's detector on {@code model}, or empty with the reason when OpenCV cannot load or run that model. */
    static Optional<OpenCvReference> create(Path model, float scoreThreshold, StringBuilder failure) {
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
                } else if ((turn + i) % 2 == 1) {
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
