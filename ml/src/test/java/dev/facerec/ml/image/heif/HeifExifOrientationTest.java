package dev.facerec.ml.image.heif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.image.DecodedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The orientation policy of {@link HeifCodec} on files written as an iPhone writes them: the stored pixels sideways, an
 * {@code irot} box, and the same orientation once more in EXIF. The picture must turn once (by {@code irot}), not
 * twice; an EXIF orientation without {@code irot} is informative only and leaves the picture as stored.
 */
class HeifExifOrientationTest {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 48;
    private static final int[] RED = {230, 30, 30};
    private static final int[] GREEN = {30, 200, 30};
    private static final int[] BLUE = {30, 30, 230};
    private static final int[] WHITE = {240, 240, 240};
    /** Lossy coding at quality 90 keeps flat colours within this, per channel. */
    private static final int TOLERANCE = 40;

    private static HeifTestEncoder encoder;

    @BeforeAll
    static void encoder() {
        HeifSamples.codec();
        encoder = new HeifTestEncoder();
    }

    @Test
    void anIphoneStylePortraitTurnsOnceByItsIrotAndNotAgainByItsExif() throws Throwable {
        // EXIF 6: the stored picture must turn 90 degrees clockwise to be upright.
        DecodedImage image = decode(encoder.encode(quadrants(), 3, WIDTH, HEIGHT, 6, 6));

        assertThat(image.width()).isEqualTo(HEIGHT);
        assertThat(image.height()).isEqualTo(WIDTH);
        assertQuadrants(image, BLUE, RED, WHITE, GREEN);
    }

    @Test
    void anExifOrientationWithoutIrotLeavesThePictureAsStored() throws Throwable {
        DecodedImage image = decode(encoder.encode(quadrants(), 3, WIDTH, HEIGHT, 1, 6));

        assertThat(image.width()).isEqualTo(WIDTH);
        assertQuadrants(image, RED, GREEN, BLUE, WHITE);
    }

    @Test
    void aMirroredRotationIsAppliedAsEncoded() throws Throwable {
        // 5: transposed, the picture mirrored about its main diagonal.
        DecodedImage image = decode(encoder.encode(quadrants(), 3, WIDTH, HEIGHT, 5, 0));

        assertThat(image.width()).isEqualTo(HEIGHT);
        assertQuadrants(image, RED, BLUE, GREEN, WHITE);
    }

    private static DecodedImage decode(byte[] bytes) {
        return HeifSamples.codec().decode(bytes, 1_000_000);
    }

    /** Top left red, top right green, bottom left blue, bottom right white; interleaved RGB. */
    private static byte[] quadrants() {
        byte[] rgb = new byte[WIDTH * HEIGHT * 3];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int[] colour = y < HEIGHT / 2 ? (x < WIDTH / 2 ? RED : GREEN) : (x < WIDTH / 2 ? BLUE : WHITE);
                for (int c = 0; c < 3; c++) {
                    rgb[(y * WIDTH + x) * 3 + c] = (byte) colour[c];
                }
            }
        }
        return rgb;
    }

    private static void assertQuadrants(
            DecodedImage image, int[] topLeft, int[] topRight, int[] bottomLeft, int[] bottomRight) {
        int left = image.width() / 4;
        int right = image.width() * 3 / 4;
        int top = image.height() / 4;
        int bottom = image.height() * 3 / 4;
        assertColour(image, left, top, topLeft, "top left");
        assertColour(image, right, top, topRight, "top right");
        assertColour(image, left, bottom, bottomLeft, "bottom left");
        assertColour(image, right, bottom, bottomRight, "bottom right");
    }

    private static void assertColour(DecodedImage image, int x, int y, int[] rgb, String where) {
        int index = (y * image.width() + x) * 3;
        int[] actual = {image.bgr()[index + 2] & 0xFF, image.bgr()[index + 1] & 0xFF, image.bgr()[index] & 0xFF};
        for (int c = 0; c < 3; c++) {
            assertThat(actual[c])
                    .as("%s channel %d: %s", where, c, java.util.Arrays.toString(actual))
                    .isBetween(rgb[c] - TOLERANCE, rgb[c] + TOLERANCE);
        }
    }
}
