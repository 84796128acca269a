package dev.facerec.core.testing;

import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.Point;
import dev.facerec.core.image.DecodedImage;
import java.util.ArrayList;
import java.util.List;

/** Finds the faces a {@link FakePhoto} describes, with landmarks of a frontal face or of a turned head. */
public final class FakeFaceDetector implements FaceDetector {
    @Override
    public List<DetectedFace> detect(DecodedImage image) {
        List<DetectedFace> faces = new ArrayList<>();
        for (FaceSpec spec : FaceSpec.parse(image)) {
            float x = spec.x();
            float y = spec.y();
            float s = spec.size();
            float noseX = spec.profile() ? x + 0.85f * s : x + 0.5f * s;
            faces.add(new DetectedFace(
                    new BoundingBox(x, y, s, s),
                    List.of(
                            new Point(x + 0.3f * s, y + 0.4f * s),
                            new Point(x + 0.7f * s, y + 0.4f * s),
                            new Point(noseX, y + 0.6f * s),
                            new Point(x + 0.35f * s, y + 0.8f * s),
                            new Point(x + 0.65f * s, y + 0.8f * s)),
                    spec.score()));
        }
        return faces;
    }

    @Override
    public String modelId() {
        return "fake-detector";
    }

    /** One face of a fake photo. */
    record FaceSpec(String person, int x, int y, int size, float score, boolean profile) {
        static List<FaceSpec> parse(DecodedImage image) {
            if (image.format().isEmpty()) {
                return List.of();
            }
            List<FaceSpec> specs = new ArrayList<>();
            for (String face : image.format().split("\\|")) {
                String[] f = face.split(",");
                specs.add(new FaceSpec(
                        f[0],
                        Integer.parseInt(f[1]),
                        Integer.parseInt(f[2]),
                        Integer.parseInt(f[3]),
                        Float.parseFloat(f[4]),
                        Boolean.parseBoolean(f[5])));
            }
            return specs;
        }
    }
}
