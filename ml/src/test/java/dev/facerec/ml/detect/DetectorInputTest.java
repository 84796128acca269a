package dev.facerec.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.image.DecodedImage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table-driven bilinear resampling gives exactly the values of the textbook per-pixel formula. */
class DetectorInputTest {
    @ParameterizedTest
    @CsvSource({"217, 145, 192, 131", "300, 200, 299, 151", "64, 64, 40, 33", "1, 9, 1, 5"})
    void bilinearMatchesThePerPixelFormula(int width, int height, int outWidth, int outHeight) {
        byte[] bgr = new byte[width * height * 3];
        new Random(width * 31L + height).nextBytes(bgr);
        DecodedImage image = new DecodedImage(width, height, bgr, "test");
        float scale = (float) outWidth / width;
        int paddedWidth = outWidth + 5;
        int paddedHeight = Math.round(height * scale) + 7;

        DetectorInput input = DetectorInput.of(image, scale, paddedWidth, paddedHeight);

        assertThat(scale).isGreaterThanOrEqualTo(0.5f);
        int actualHeight = Math.max(1, Math.min(paddedHeight, Math.round(height * scale)));
        float[] expected = reference(image, outWidth, actualHeight, paddedWidth, paddedHeight);
        assertThat(input.planes()).containsExactly(expected);
    }

    /** The formula as first written: every position and weight computed for each pixel and channel. */
    private static float[] reference(DecodedImage image, int outWidth, int outHeight, int width, int height) {
        float[] planes = new float[3 * width * height];
        byte[] bgr = image.bgr();
        int plane = width * height;
        float sx = (float) image.width() / outWidth;
        float sy = (float) image.height() / outHeight;
        for (int y = 0; y < outHeight; y++) {
            float fy = Math.max(0, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, image.height() - 1);
            int y1 = Math.min(y0 + 1, image.height() - 1);
            float wy = fy - y0;
            for (int x = 0; x < outWidth; x++) {
                float fx = Math.max(0, (x + 0.5f) * sx - 0.5f);
                int x0 = Math.min((int) fx, image.width() - 1);
                int x1 = Math.min(x0 + 1, image.width() - 1);
                float wx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    float top = (bgr[(y0 * image.width() + x0) * 3 + c] & 0xFF) * (1 - wx)
                            + (bgr[(y0 * image.width() + x1) * 3 + c] & 0xFF) * wx;
                    float bottom = (bgr[(y1 * image.width() + x0) * 3 + c] & 0xFF) * (1 - wx)
                            + (bgr[(y1 * image.width() + x1) * 3 + c] & 0xFF) * wx;
                    planes[c * plane + y * width + x] = top * (1 - wy) + bottom * wy;
                }
            }
        }
        return planes;
    }
}
