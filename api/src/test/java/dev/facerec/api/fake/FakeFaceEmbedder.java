package dev.facerec.api.fake;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.face.Thresholds;
import dev.facerec.core.image.DecodedImage;
import java.util.List;
import java.util.Map;

/**
 * One fixed embedding per person: alice and alice again have similarity 1, alice and lookalike 0.4 (a match at the
 * standard threshold 0.35, not at the strict 0.45), alice and bob 0.
 */
public final class FakeFaceEmbedder implements FaceEmbedder {
    public static final RecognitionModel MODEL =
            new RecognitionModel("fake-recognizer", 3, new Thresholds(0.35f, 0.45f));

    private static final Map<String, float[]> PEOPLE = Map.of(
            "alice", new float[] {1, 0, 0},
            "lookalike", new float[] {0.4f, (float) Math.sqrt(1 - 0.16), 0},
            "bob", new float[] {0, 0, 1});

    @Override
    public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
        float[] vector = PEOPLE.get(FakeImageDecoder.person(image));
        if (vector == null) {
            throw new IllegalArgumentException("the fake embedder knows alice, lookalike and bob");
        }
        return faces.stream()
                .map(face -> Embedding.normalised(vector, MODEL.id()))
                .toList();
    }

    @Override
    public RecognitionModel model() {
        return MODEL;
    }
}
