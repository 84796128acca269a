package dev.facerec.api.fake;

import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.Point;
import dev.facerec.core.image.DecodedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds as many faces as the fake image declares. Face {@code i} has its box at {@code (10.04 + 20 i, 12.06)} with
 * width {@code 8.25 + 4 i}, so later faces are larger, and score {@code 0.91234 - 0.1 i}.
 */
public final class FakeFaceDetector implements FaceDetector {
    public static final String MODEL_ID = "fake-detector";

    @Override
    public List<DetectedFace> detect(DecodedImage image) {
        List<DetectedFace> faces = new ArrayList<>();
        for (int i = 0; i < FakeImageDecoder.faces(image); i++) {
            float x = 10.04f + 20 * i;
            float y = 12.06f;
            float width = 8.25f + 4 * i;
            faces.add(new DetectedFace(
                    new BoundingBox(x, y, width, width * 1.2f),
                    List.of(
                            new Point(x + 2, y + 3),
                            new Point(x + 6, y + 3),
                            new Point(x + 4, y + 5),
                            new Point(x + 2.5f, y + 7),
                            new Point(x + 5.5f, y + 7)),
                    0.91234f - 0.1f * i));
        }
        return faces;
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }
}
