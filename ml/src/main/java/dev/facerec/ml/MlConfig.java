package dev.facerec.ml;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Everything the ML adapters need to start, translated from the service's configuration.
 *
 * @param modelsDirectory where model files (and optional extra pack manifests) are found; {@code FACE_MODELS_DIR}
 * @param detectorPack identifier of the detector pack, e.g. {@code yunet-2026may}
 * @param recognizerPack identifier of the recognizer pack, e.g. {@code faceplugin-512}
 * @param device {@code AUTO} uses CUDA when the GPU build of ONNX Runtime and a GPU are present, else the CPU
 * @param threads intra-op threads per inference; 0 means one per available core divided by {@code concurrency}
 * @param concurrency how many inferences may run at the same time; 0 means automatic
 * @param maxPixels largest image accepted, in pixels, checked from the header before decoding
 * @param detectionScoreThreshold faces scoring below this are dropped
 * @param maxDetectionSide images with a longer side than this are downscaled for detection only (coordinates are
 *     mapped back); larger values find smaller faces in large photos at a higher cost
 * @param nativeCodecs whether to decode with native libraries where they are installed (libjpeg-turbo: JPEGs decoded
 *     at the DCT scale detection needs); false keeps every format on ImageIO
 */
public record MlConfig(
        Path modelsDirectory,
        String detectorPack,
        String recognizerPack,
        Device device,
        int threads,
        int concurrency,
        long maxPixels,
        float detectionScoreThreshold,
        int maxDetectionSide,
        boolean nativeCodecs) {

    public static final String DEFAULT_DETECTOR = "yunet-2026may";
    public static final String DEFAULT_RECOGNIZER = "faceplugin-512";

    /**
     * Chosen on the annotated detection set: the highest false positives there (dog faces, dark background) score
     * 0.77 and below, the lowest real faces (12 px faces in a 128 px image, partly cut-off selfie faces) 0.79 and
     * above. Lower it to find more tiny or occluded faces, raise it for fewer false detections.
     */
    public static final float DEFAULT_DETECTION_SCORE = 0.78f;

    public MlConfig {
        requireNonNull(modelsDirectory, "modelsDirectory is null");
        requireNonNull(detectorPack, "detectorPack is null");
        requireNonNull(recognizerPack, "recognizerPack is null");
        requireNonNull(device, "device is null");
        if (threads < 0 || concurrency < 0) {
            throw new IllegalArgumentException("threads and concurrency must be >= 0 (0 = automatic)");
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive");
        }
        if (!(detectionScoreThreshold > 0 && detectionScoreThreshold < 1)) {
            throw new IllegalArgumentException("detectionScoreThreshold must lie in (0, 1)");
        }
        if (maxDetectionSide < 64) {
            throw new IllegalArgumentException("maxDetectionSide must be at least 64");
        }
    }

    /** With native codecs where installed. */
    public MlConfig(
            Path modelsDirectory,
            String detectorPack,
            String recognizerPack,
            Device device,
            int threads,
            int concurrency,
            long maxPixels,
            float detectionScoreThreshold,
            int maxDetectionSide) {
        this(
                modelsDirectory,
                detectorPack,
                recognizerPack,
                device,
                threads,
                concurrency,
                maxPixels,
                detectionScoreThreshold,
                maxDetectionSide,
                true);
    }

    /** Defaults for a models directory: the default packs, automatic device and threads, 40 megapixels. */
    public static MlConfig defaults(Path modelsDirectory) {
        return new MlConfig(
                modelsDirectory,
                DEFAULT_DETECTOR,
                DEFAULT_RECOGNIZER,
                Device.AUTO,
                0,
                0,
                40_000_000L,
                DEFAULT_DETECTION_SCORE,
                1920);
    }

    public MlConfig withRecognizerPack(String pack) {
        return new MlConfig(
                modelsDirectory,
                detectorPack,
                pack,
                device,
                threads,
                concurrency,
                maxPixels,
                detectionScoreThreshold,
                maxDetectionSide,
                nativeCodecs);
    }

    public MlConfig withDetectorPack(String pack) {
        return new MlConfig(
                modelsDirectory,
                pack,
                recognizerPack,
                device,
                threads,
                concurrency,
                maxPixels,
                detectionScoreThreshold,
                maxDetectionSide,
                nativeCodecs);
    }

    public MlConfig withNativeCodecs(boolean enabled) {
        return new MlConfig(
                modelsDirectory,
                detectorPack,
                recognizerPack,
                device,
                threads,
                concurrency,
                maxPixels,
                detectionScoreThreshold,
                maxDetectionSide,
                enabled);
    }

    /** Where inference runs. */
    public enum Device {
        AUTO,
        CPU,
        CUDA
    }
}
