package dev.facerec.ml.detect;

import dev.facerec.core.image.DecodedImage;

/**
 * The detector's input tensor: the image scaled by {@code scale} (never up), in planar BGR floats, padded with
 * zeros to {@code width x height}. Downscaling by more than two averages whole source areas so that small faces
 * are not lost to aliasing; smaller factors interpolate bilinearly.
 */
record DetectorInput(float[] planes, int width, int height, float scale) {

    static DetectorInput of(DecodedImage image, float scale, int paddedWidth, int paddedHeight) {
        int outWidth = Math.max(1, Math.min(paddedWidth, Math.round(image.width() * scale)));
        int outHeight = Math.max(1, Math.min(paddedHeight, Math.round(image.height() * scale)));
        float[] planes = new float[3 * paddedWidth * paddedHeight];
        if (outWidth == image.width() && outHeight == image.height()) {
            copy(image, planes, paddedWidth, paddedHeight);
        } else if (scale < 0.5f) {
            areaAverage(image, outWidth, outHeight, planes, paddedWidth, paddedHeight);
        } else {
            bilinear(image, outWidth, outHeight, planes, paddedWidth, paddedHeight);
        }
        float effectiveScale = outWidth == image.width() ? 1f : (float) outWidth / image.width();
        return new DetectorInput(planes, paddedWidth, paddedHeight, effectiveScale);
    }

    private static void copy(DecodedImage image, float[] planes, int width, int height) {
        byte[] bgr = image.bgr();
        int plane = width * height;
        for (int y = 0; y < image.height(); y++) {
            int source = y * image.width() * 3;
            int target = y * width;
            for (int x = 0; x < image.width(); x++, source += 3, target++) {
                planes[target] = bgr[source] & 0xFF;
                planes[plane + target] = bgr[source + 1] & 0xFF;
                planes[2 * plane + target] = bgr[source + 2] & 0xFF;
            }
        }
    }

    private static void areaAverage(
            DecodedImage image, int outWidth, int outHeight, float[] planes, int width, int height) {
        byte[] bgr = image.bgr();
        int plane = width * height;
        int[] columnStart = new int[outWidth + 1];
        for (int x = 0; x <= outWidth; x++) {
            columnStart[x] = (int) ((long) x * image.width() / outWidth);
        }
        for (int y = 0; y < outHeight; y++) {
            int y0 = (int) ((long) y * image.height() / outHeight);
            int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * image.height() / outHeight));
            for (int x = 0; x < outWidth; x++) {
                int x0 = columnStart[x];
                int x1 = Math.max(x0 + 1, columnStart[x + 1]);
                int b = 0;
                int g = 0;
                int r = 0;
                for (int sy = y0; sy < y1; sy++) {
                    int index = (sy * image.width() + x0) * 3;
                    for (int sx = x0; sx < x1; sx++, index += 3) {
                        b += bgr[index] & 0xFF;
                        g += bgr[index + 1] & 0xFF;
                        r += bgr[index + 2] & 0xFF;
                    }
                }
                float count = (float) (y1 - y0) * (x1 - x0);
                int target = y * width + x;
                planes[target] = b / count;
                planes[plane + target] = g / count;
                planes[2 * plane + target] = r / count;
            }
        }
    }

    /**
     * Bilinear resampling with the column positions and weights computed once per image rather than per pixel and
     * channel (a 2176 px photo to 1920 px took 29 ms before); the arithmetic, and so every value, is unchanged.
     */
    private static void bilinear(
            DecodedImage image, int outWidth, int outHeight, float[] planes, int width, int height) {
        byte[] bgr = image.bgr();
        int plane = width * height;
        int sourceWidth = image.width();
        float sx = (float) sourceWidth / outWidth;
        float sy = (float) image.height() / outHeight;
        int[] left = new int[outWidth];
        int[] right = new int[outWidth];
        float[] rightWeight = new float[outWidth];
        for (int x = 0; x < outWidth; x++) {
            float fx = Math.max(0, (x + 0.5f) * sx - 0.5f);
            int x0 = Math.min((int) fx, sourceWidth - 1);
            left[x] = x0 * 3;
            right[x] = Math.min(x0 + 1, sourceWidth - 1) * 3;
            rightWeight[x] = fx - x0;
        }
        for (int y = 0; y < outHeight; y++) {
            float fy = Math.max(0, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, image.height() - 1);
            int y1 = Math.min(y0 + 1, image.height() - 1);
            float wy = fy - y0;
            int top = y0 * sourceWidth * 3;
            int bottom = y1 * sourceWidth * 3;
            int target = y * width;
            for (int x = 0; x < outWidth; x++, target++) {
                float wx = rightWeight[x];
                int topLeft = top + left[x];
                int topRight = top + right[x];
                int bottomLeft = bottom + left[x];
                int bottomRight = bottom + right[x];
                for (int c = 0; c < 3; c++) {
                    float upper = (bgr[topLeft + c] & 0xFF) * (1 - wx) + (bgr[topRight + c] & 0xFF) * wx;
                    float lower = (bgr[bottomLeft + c] & 0xFF) * (1 - wx) + (bgr[bottomRight + c] & 0xFF) * wx;
                    planes[c * plane + target] = upper * (1 - wy) + lower * wy;
                }
            }
        }
    }
}
