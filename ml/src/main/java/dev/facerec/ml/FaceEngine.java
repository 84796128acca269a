package dev.facerec.ml;

import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.image.ImageDecoder;

/**
 * The loaded face pipeline: decoder, detector and embedder sharing one ONNX Runtime environment and one bounded
 * inference gate. Start it once per process; it is thread-safe. Closing it releases the native sessions.
 */
public interface FaceEngine extends AutoCloseable {
    /**
     * Verifies and loads the configured model packs.
     *
     * @throws dev.facerec.ml.pack.ModelPackException naming the file and the expected SHA-256 when a model file is
     *     missing or does not match its manifest
     */
    static FaceEngine start(MlConfig config) {
        return OnnxFaceEngine.start(config);
    }

    ImageDecoder decoder();

    FaceDetector detector();

    FaceEmbedder embedder();

    /** {@code CUDA} or {@code CPU}: where inference actually runs. */
    String executionProvider();

    /** How inference shares the cores, in words (for logs, health views and benchmark reports). */
    String threading();

    /** Milliseconds spent verifying and loading the models at start. */
    long loadMillis();

    /** Milliseconds of {@link #loadMillis()} spent choosing the execution provider (the GPU check). */
    long providerCheckMillis();

    /** Releases the native sessions; closing twice is harmless. */
    @Override
    void close();
}
