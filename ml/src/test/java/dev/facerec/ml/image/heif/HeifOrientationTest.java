package dev.facerec.ml.image.heif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.SharedFixtures;
import org.junit.jupiter.api.Test;

/**
 * Rotation ({@code irot}) and mirroring ({@code imir}) are applied by libheif, so the picture comes out upright. The
 * test files are made here from a real photo by turning its {@code pixi} property (16 bytes, associated with the
 * primary image) into an {@code irot} or {@code imir} box of the same size: libheif reads the one byte these boxes
 * hold and skips the rest, so no offset in the file moves.
 */
class HeifOrientationTest {
    private static final String PHOTO = "heic-avif/dlib_voc_2008_002079.heic";
    private static final long LIMIT = 40_000_000L;
    /** Chroma is subsampled before libheif rotates and upsampled after, so edges of colour differ slightly. */
    private static final double SAME_PICTURE = 1.5;

    @Test
    void appliesARotationOf90DegreesCounterClockwise() {
        DecodedImage stored = decode(SharedFixtures.read(PHOTO));
        DecodedImage rotated = decode(withProperty("irot", 1));

        assertThat(rotated.width()).isEqualTo(stored.height());
        assertThat(rotated.height()).isEqualTo(stored.width());
        assertThat(difference(rotated, counterClockwise(stored))).isLessThan(SAME_PICTURE);
        // The other way round is a different picture: the test can tell the directions apart.
        assertThat(difference(rotated, counterClockwise(counterClockwise(counterClockwise(stored)))))
                .isGreaterThan(10 * SAME_PICTURE);
    }

    @Test
    void appliesARotationOf180Degrees() {
        DecodedImage stored = decode(SharedFixtures.read(PHOTO));
        DecodedImage rotated = decode(withProperty("irot", 2));

        assertThat(rotated.width()).isEqualTo(stored.width());
        assertThat(difference(rotated, counterClockwise(counterClockwise(stored))))
                .isLessThan(SAME_PICTURE);
        assertThat(difference(rotated, stored)).isGreaterThan(10 * SAME_PICTURE);
    }

    /** {@code imir} axis 1 (libheif 1.15's "horizontal") flips left and right. */
    @Test
    void appliesAMirror() {
        DecodedImage stored = decode(SharedFixtures.read(PHOTO));
        DecodedImage mirrored = decode(withProperty("imir", 1));

        assertThat(difference(mirrored, leftRight(stored))).isLessThan(SAME_PICTURE);
        assertThat(difference(mirrored, stored)).isGreaterThan(10 * SAME_PICTURE);
    }

    @Test
    void declaresTheStoredPixelCountOfARotatedImage() {
        assertThat(HeifSamples.codec().declaredPixels(withProperty("irot", 1), LIMIT))
                .isEqualTo(500 * 375);
    }

    private static DecodedImage decode(byte[] bytes) {
        return HeifSamples.codec().decode(bytes, LIMIT);
    }

    /** The photo with its 16-byte {@code pixi} property turned into {@code type} holding {@code value}. */
    static byte[] withProperty(String type, int value) {
        byte[] bytes = SharedFixtures.read(PHOTO).clone();
        byte[] pixi = {0, 0, 0, 16, 'p', 'i', 'x', 'i'};
        int at = indexOf(bytes, pixi);
        assertThat(at).as("pixi property in %s", PHOTO).isPositive();
        for (int i = 0; i < 4; i++) {
            bytes[at + 4 + i] = (byte) type.charAt(i);
        }
        bytes[at + 8] = (byte) value;
        java.util.Arrays.fill(bytes, at + 9, at + 16, (byte) 0);
        return bytes;
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static DecodedImage counterClockwise(DecodedImage image) {
        int width = image.width();
        int height = image.height();
        byte[] target = new byte[image.bgr().length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Pixel (x, y) goes to (y, width - 1 - x) in an image height wide.
                System.arraycopy(image.bgr(), (y * width + x) * 3, target, ((width - 1 - x) * height + y) * 3, 3);
            }
        }
        return new DecodedImage(height, width, target, image.format());
    }

    private static DecodedImage leftRight(DecodedImage image) {
        int width = image.width();
        byte[] target = new byte[image.bgr().length];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(image.bgr(), (y * width + x) * 3, target, (y * width + width - 1 - x) * 3, 3);
            }
        }
        return new DecodedImage(width, image.height(), target, image.format());
    }

    private static double difference(DecodedImage left, DecodedImage right) {
        assertThat(left.width()).isEqualTo(right.width());
        assertThat(left.height()).isEqualTo(right.height());
        long sum = 0;
        for (int i = 0; i < left.bgr().length; i++) {
            sum += Math.abs((left.bgr()[i] & 0xFF) - (right.bgr()[i] & 0xFF));
        }
        return (double) sum / left.bgr().length;
    }
}
