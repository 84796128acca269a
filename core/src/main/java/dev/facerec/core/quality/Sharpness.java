package dev.facerec.core.quality;

import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.image.DecodedImage;

/**
 * Focus measure of a face: the variance of the 4-neighbour Laplacian over the grey levels of the face box. The box
 * is first resampled by area averaging to {@value #SIDE} x {@value #SIDE} pixels, the size the recognizer sees, so a
 * large face in a sharp photo and a small one score alike; without it, the measure falls with resolution.
 */
final class Sharpness {
    static final int SIDE = 112;

    private Sharpness() {}

    /** @param source the face box in source coordinates (see {@link DecodedImage#toPixels}) */
    static float of(DecodedImage image, BoundingBox source) {
        BoundingBox box = image.toPixels(source);
        int left = clamp((int) Math.floor(box.x()), image.width() - 1);
        int top = clamp((int) Math.floor(box.y()), image.height() - 1);
        int right = clamp((int) Math.ceil(box.x() + box.width()), image.width());
        int bottom = clamp((int) Math.ceil(box.y() + box.height()), image.height());
        int width = Math.max(1, right - left);
        int height = Math.max(1, bottom - top);
        float[] grey = resampled(image, left, top, width, height);
        return laplacianVariance(grey);
    }

    private static float[] resampled(DecodedImage image, int left, int top, int width, int height) {
        byte[] bgr = image.bgr();
        float[] grey = new float[SIDE * SIDE];
        for (int row = 0; row < SIDE; row++) {
            int y0 = top + row * height / SIDE;
            int y1 = Math.max(y0 + 1, top + (row + 1) * height / SIDE);
            for (int column = 0; column < SIDE; column++) {
                int x0 = left + column * width / SIDE;
                int x1 = Math.max(x0 + 1, left + (column + 1) * width / SIDE);
                double sum = 0;
                for (int y = y0; y < y1; y++) {
                    int offset = (y * image.width() + x0) * 3;
                    for (int x = x0; x < x1; x++, offset += 3) {
                        sum += 0.114 * (bgr[offset] & 0xff)
                                + 0.587 * (bgr[offset + 1] & 0xff)
                                + 0.299 * (bgr[offset + 2] & 0xff);
                    }
                }
                grey[row * SIDE + column] = (float) (sum / ((y1 - y0) * (x1 - x0)));
            }
        }
        return grey;
    }

    private static float laplacianVariance(float[] grey) {
        double sum = 0;
        double squares = 0;
        int count = 0;
        for (int y = 1; y < SIDE - 1; y++) {
            for (int x = 1; x < SIDE - 1; x++) {
                int i = y * SIDE + x;
                double laplacian = grey[i - 1] + grey[i + 1] + grey[i - SIDE] + grey[i + SIDE] - 4 * grey[i];
                sum += laplacian;
                squares += laplacian * laplacian;
                count++;
            }
        }
        double mean = sum / count;
        return (float) Math.max(0, squares / count - mean * mean);
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(max, value));
    }
}
