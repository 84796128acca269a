package dev.facerec.ml.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.image.DecodedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrientationTest {
    /**
     * The stored image is 3 x 2 with pixel values 1..6 row by row:
     *
     * <pre>
     * 1 2 3
     * 4 5 6
     * </pre>
     *
     * Each row gives the upright result read row by row, as the EXIF specification draws it.
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        "1, 3, 2, 1 2 3 4 5 6",
        "2, 3, 2, 3 2 1 6 5 4",
        "3, 3, 2, 6 5 4 3 2 1",
        "4, 3, 2, 4 5 6 1 2 3",
        "5, 2, 3, 1 4 2 5 3 6",
        "6, 2, 3, 4 1 5 2 6 3",
        "7, 2, 3, 6 3 5 2 4 1",
        "8, 2, 3, 3 6 2 5 1 4",
        "0, 3, 2, 1 2 3 4 5 6",
        "9, 3, 2, 1 2 3 4 5 6"
    })
    void turnsStoredPixelsUpright(int orientation, int width, int height, String expected) {
        DecodedImage stored = gray(3, 2, 1, 2, 3, 4, 5, 6);

        DecodedImage upright = Orientation.upright(stored, orientation);

        assertThat(upright.width()).isEqualTo(width);
        assertThat(upright.height()).isEqualTo(height);
        assertThat(values(upright)).isEqualTo(expected);
    }

    private static DecodedImage gray(int width, int height, int... values) {
        byte[] bgr = new byte[values.length * 3];
        for (int i = 0; i < values.length; i++) {
            // Distinct channels catch a transform that moves bytes instead of whole pixels.
            bgr[i * 3] = (byte) values[i];
            bgr[i * 3 + 1] = (byte) (values[i] + 10);
            bgr[i * 3 + 2] = (byte) (values[i] + 20);
        }
        return new DecodedImage(width, height, bgr, "TEST");
    }

    private static String values(DecodedImage image) {
        StringBuilder text = new StringBuilder();
        byte[] bgr = image.bgr();
        for (int i = 0; i < bgr.length; i += 3) {
            assertThat(bgr[i + 1]).isEqualTo((byte) (bgr[i] + 10));
            assertThat(bgr[i + 2]).isEqualTo((byte) (bgr[i] + 20));
            text.append(text.isEmpty() ? "" : " ").append(bgr[i]);
        }
        return text.toString();
    }
}
