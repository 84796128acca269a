package dev.facerec.core.testing;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.face.Thresholds;
import dev.facerec.core.image.DecodedImage;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fixed embedding per person name (a seeded random unit vector of 64 dimensions, so two different names are
 * nearly orthogonal), with a {@link #vector} to compute expected similarities. The model id can be changed to play a
 * model pack swap. Counts its calls.
 */
public final class FakeFaceEmbedder implements FaceEmbedder {
    public static final int DIMENSION = 64;
    public static final Thresholds THRESHOLDS = new Thresholds(0.5f, 0.6f);

    private final AtomicInteger calls = new AtomicInteger();
    private volatile RecognitionModel model = model("fake-recognizer");

    public static RecognitionModel model(String id) {
        return new RecognitionModel(id, DIMENSION, THRESHOLDS);
    }

    public static Embedding vector(String person, String modelId) {
        Random random = new Random(person.hashCode());
        float[] raw = new float[DIMENSION];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) random.nextGaussian();
        }
        return Embedding.normalised(raw, modelId);
    }

    public void useModel(String id) {
        model = model(id);
    }

    @Override
    public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
        calls.incrementAndGet();
        List<FakeFaceDetector.FaceSpec> specs = FakeFaceDetector.FaceSpec.parse(image);
        String modelId = model.id();
        return faces.stream()
                .map(face -> specs.stream()
                        .filter(spec -> spec.x() == face.box().x()
                                && spec.y() == face.box().y())
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("face not in the fake photo: " + face)))
                .map(spec -> vector(spec.person(), modelId))
                .toList();
    }

    @Override
    public RecognitionModel model() {
        return model;
    }

    public int calls() {
        return calls.get();
    }
}
