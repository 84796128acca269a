package dev.facerec.ml.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Point;
import dev.facerec.core.image.DecodedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {
    private static final float[][] TEMPLATE = {
        {38.2946f, 51.6963f}, {73.5318f, 51.5014f}, {56.0252f, 71.7366f}, {41.5493f, 92.3655f}, {70.7299f, 92.2041f}
    };

    @Test
    void recoversAnExactSimilarityTransform() {
        // Landmarks = template rotated by 30 degrees, scaled by 2.5 and moved: the estimate must invert exactly that.
        double angle = Math.toRadians(30);
        float scale = 2.5f;
        List<Point> landmarks = new ArrayList<>();
        for (float[] t : TEMPLATE) {
            float x = (float) (scale * (Math.cos(angle) * t[0] - Math.sin(angle) * t[1]) + 400);
            float y = (float) (scale * (Math.sin(angle) * t[0] + Math.cos(angle) * t[1]) + 120);
            landmarks.add(new Point(x, y));
        }
        FaceAligner.Similarity similarity = FaceAligner.Similarity.estimate(landmarks);
        for (int i = 0; i < TEMPLATE.length; i++) {
            Point p = landmarks.get(i);
            float qx = similarity.a() * p.x() - similarity.b() * p.y() + similarity.tx();
            float qy = similarity.b() * p.x() + similarity.a() * p.y() + similarity.ty();
            assertThat(qx).isCloseTo(TEMPLATE[i][0], within(1e-2f));
            assertThat(qy).isCloseTo(TEMPLATE[i][1], within(1e-2f));
        }
        double recoveredScale = Math.hypot(similarity.a(), similarity.b());
        assertThat(recoveredScale).isCloseTo(1 / scale, within(1e-4));
    }

    @Test
    void identityLandmarksCopyPixelsWithNormalisationAndChannelOrder() {
        int width = 112;
        int height = 112;
        byte[] bgr = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                bgr[i] = (byte) x; // blue varies with x
                bgr[i + 1] = (byte) 200;
                bgr[i + 2] = (byte) y; // red varies with y
            }
        }
        DecodedImage image = new DecodedImage(width, height, bgr, "test");
        List<Point> landmarks = new ArrayList<>();
        for (float[] t : TEMPLATE) {
            landmarks.add(new Point(t[0], t[1]));
        }
        DetectedFace face = new DetectedFace(new BoundingBox(20, 30, 70, 80), landmarks, 0.99f);

        float[] rgb = new float[3 * 112 * 112];
        new FaceAligner(127.5f, 127.5f, false).align(image, face, rgb, 0);
        int plane = 112 * 112;
        int pixel = 40 * 112 + 60; // x = 60, y = 40
        assertThat(rgb[pixel]).as("R plane first").isCloseTo((40 - 127.5f) / 127.5f, within(1e-3f));
        assertThat(rgb[plane + pixel]).isCloseTo((200 - 127.5f) / 127.5f, within(1e-3f));
        assertThat(rgb[2 * plane + pixel]).as("B plane last").isCloseTo((60 - 127.5f) / 127.5f, within(1e-3f));

        float[] planarBgr = new float[3 * 112 * 112];
        new FaceAligner(0, 1, true).align(image, face, planarBgr, 0);
        assertThat(planarBgr[pixel]).as("B plane first").isCloseTo(60, within(1e-3f));
    }
}
