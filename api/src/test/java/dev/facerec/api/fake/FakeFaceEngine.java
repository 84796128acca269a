package dev.facerec.api.fake;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.ml.FaceEngine;
import java.util.List;

/** The face engine of the tests: the fakes behind the real facade. Once closed, its ports stop answering. */
public final class FakeFaceEngine implements FaceEngine {
    public static final String EXECUTION_PROVIDER = "CPU";
    public static final long LOAD_MILLIS = 42;

    private final ImageDecoder decoder = new FakeImageDecoder();
    private final FaceDetector detector = new FakeFaceDetector();
    private final FaceEmbedder embedder = new FakeFaceEmbedder();
    private volatile boolean closed;

    @Override
    public ImageDecoder decoder() {
        return decoder;
    }

    @Override
    public FaceDetector detector() {
        return detector;
    }

    @Override
    public FaceEmbedder embedder() {
        if (closed) {
            return new ClosedEmbedder();
        }
        return embedder;
    }

    @Override
    public String executionProvider() {
        return EXECUTION_PROVIDER;
    }

    @Override
    public String threading() {
        return "fake: no inference";
    }

    @Override
    public long loadMillis() {
        return LOAD_MILLIS;
    }

    @Override
    public long providerCheckMillis() {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Opens the engine again after a test closed it. */
    public void reopen() {
        closed = false;
    }

    private static final class ClosedEmbedder implements FaceEmbedder {
        @Override
        public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
            throw new IllegalStateException("engine closed");
        }

        @Override
        public RecognitionModel model() {
            throw new IllegalStateException("engine closed");
        }
    }
}
