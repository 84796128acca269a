package dev.facerec.ml.align;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Point;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.Placement;
import java.util.List;

/**
 * Aligns a face to the ArcFace 112x112 template: the least-squares similarity transform (rotation, uniform scale,
 * translation; no reflection) of the five landmarks onto the template, then bilinear sampling with a black border,
 * as OpenCV's {@code warpAffine} does. Recognizers trained on this template do not separate identities without it.
 */
public final class FaceAligner {
    public static final int SIZE = 112;
    /** Sampling puts pixel centres on whole numbers; a scale maps pixel edges, so convert around it. */
    private static final float HALF = 0.5f;

    private static final float[] TEMPLATE_X = {38.2946f, 73.5318f, 56.0252f, 41.5493f, 70.7299f};
    private static final float[] TEMPLATE_Y = {51.6963f, 51.5014f, 71.7366f, 92.3655f, 92.2041f};

    private final float mean;
    private final float scale;
    private final boolean bgr;

    /**
     * @param mean subtracted from each 0..255 channel value
     * @param scale the difference is divided by this
     * @param bgr channel order of the output planes: BGR if true, RGB otherwise
     */
    public FaceAligner(float mean, float scale, boolean bgr) {
        this.mean = mean;
        this.scale = scale;
        this.bgr = bgr;
    }

    /**
     * Writes the aligned face as three normalised 112x112 planes into {@code out} starting at {@code offset}. The
     * face is in source coordinates; it is sampled from the image's pixels wherever they lie (see {@link
     * DecodedImage#placement()}).
     */
    public void align(DecodedImage image, DetectedFace face, float[] out, int offset) {
        Placement placement = image.placement();
        List<Point> landmarks = face.landmarks().stream()
                .map(p -> new Point(placement.toPixelX(p.x() + HALF) - HALF, placement.toPixelY(p.y() + HALF) - HALF))
                .toList();
        Similarity transform = Similarity.estimate(landmarks);
        // Invert once: for every output pixel we need where it comes from in the image.
        float determinant = transform.a * transform.a + transform.b * transform.b;
        float ia = transform.a / determinant;
        float ib = -transform.b / determinant;
        int plane = SIZE * SIZE;
        int first = bgr ? 0 : 2;
        int last = bgr ? 2 : 0;
        byte[] pixels = image.bgr();
        int width = image.width();
        int height = image.height();
        for (int v = 0; v < SIZE; v++) {
            for (int u = 0; u < SIZE; u++) {
                float du = u - transform.tx;
                float dv = v - transform.ty;
                float sx = ia * du - ib * dv;
                float sy = ib * du + ia * dv;
                int target = offset + v * SIZE + u;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                float wx = sx - x0;
                float wy = sy - y0;
                for (int c = 0; c < 3; c++) {
                    float value = sample(pixels, width, height, x0, y0, wx, wy, c);
                    int channelPlane = c == 0 ? first : c == 2 ? last : 1;
                    out[target + channelPlane * plane] = (value - mean) / scale;
                }
            }
        }
    }

    private static float sample(byte[] pixels, int width, int height, int x0, int y0, float wx, float wy, int c) {
        float p00 = pixel(pixels, width, height, x0, y0, c);
        float p10 = pixel(pixels, width, height, x0 + 1, y0, c);
        float p01 = pixel(pixels, width, height, x0, y0 + 1, c);
        float p11 = pixel(pixels, width, height, x0 + 1, y0 + 1, c);
        return (p00 * (1 - wx) + p10 * wx) * (1 - wy) + (p01 * (1 - wx) + p11 * wx) * wy;
    }

    private static float pixel(byte[] pixels, int width, int height, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 0;
        }
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }

    /** Maps image points to template points: {@code q = [a -b; b a] p + t}. */
    record Similarity(float a, float b, float tx, float ty) {
        static Similarity estimate(List<Point> landmarks) {
            int n = TEMPLATE_X.length;
            float srcMeanX = 0;
            float srcMeanY = 0;
            float dstMeanX = 0;
            float dstMeanY = 0;
            for (int i = 0; i < n; i++) {
                srcMeanX += landmarks.get(i).x();
                srcMeanY += landmarks.get(i).y();
                dstMeanX += TEMPLATE_X[i];
                dstMeanY += TEMPLATE_Y[i];
            }
            srcMeanX /= n;
            srcMeanY /= n;
            dstMeanX /= n;
            dstMeanY /= n;
            double dot = 0;
            double cross = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double px = landmarks.get(i).x() - srcMeanX;
                double py = landmarks.get(i).y() - srcMeanY;
                double qx = TEMPLATE_X[i] - dstMeanX;
                double qy = TEMPLATE_Y[i] - dstMeanY;
                dot += px * qx + py * qy;
                cross += px * qy - py * qx;
                norm += px * px + py * py;
            }
            if (norm < 1e-6) {
                // Degenerate landmarks (all in one point): fall back to a pure translation to the template centre.
                return new Similarity(1, 0, dstMeanX - srcMeanX, dstMeanY - srcMeanY);
            }
            float a = (float) (dot / norm);
            float b = (float) (cross / norm);
            float tx = dstMeanX - (a * srcMeanX - b * srcMeanY);
            float ty = dstMeanY - (b * srcMeanX + a * srcMeanY);
            return new Similarity(a, b, tx, ty);
        }
    }
}
