package dev.facerec.ml.image.heif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.image.DecodedImage;
import org.junit.jupiter.api.Test;

/** Transparency is composed over white, as for the other formats; the file is written by libheif's own encoder. */
class HeifAlphaTest {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 32;

    @Test
    void composesTransparentPixelsOverWhite() throws Throwable {
        HeifSamples.codec();
        // Left half opaque dark blue, right half the same blue but fully transparent.
        byte[] rgba = new byte[WIDTH * HEIGHT * 4];
        for (int pixel = 0; pixel < WIDTH * HEIGHT; pixel++) {
            rgba[pixel * 4 + 2] = (byte) 160;
            rgba[pixel * 4 + 3] = (byte) (pixel % WIDTH < WIDTH / 2 ? 255 : 0);
        }
        byte[] heic = new HeifTestEncoder().encode(rgba, 4, WIDTH, HEIGHT, 1, 0);

        DecodedImage image = HeifSamples.codec().decode(heic, 1_000_000);

        int[] opaque = bgrAt(image, WIDTH / 4, HEIGHT / 2);
        assertThat(opaque[0]).as("blue, opaque").isBetween(120, 200);
        assertThat(opaque[2]).as("red, opaque").isLessThan(40);
        for (int value : bgrAt(image, WIDTH * 3 / 4, HEIGHT / 2)) {
            assertThat(value).as("transparent: white").isGreaterThan(215);
        }
    }

    private static int[] bgrAt(DecodedImage image, int x, int y) {
        int index = (y * image.width() + x) * 3;
        return new int[] {image.bgr()[index] & 0xFF, image.bgr()[index + 1] & 0xFF, image.bgr()[index + 2] & 0xFF};
    }
}
