package dev.facerec.ml.image;

import static dev.facerec.ml.image.TestImages.bytes;
import static dev.facerec.ml.image.TestImages.meanAbsoluteDifference;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.image.DecodedImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Photos whose pixels are stored sideways or mirrored come out upright, matching an upright original. */
class ExifOrientationTest {
    private static final String OBAMA = SafeImageDecoderTest.OBAMA;
    private static final String BBT4 = SafeImageDecoderTest.BBT4;

    private final SafeImageDecoder decoder = new SafeImageDecoder(TestImages.DEFAULT_LIMIT);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "obama_orient2_stored_mirrored.jpg",
                "obama_orient3_stored_rot180.jpg",
                "obama_orient6_stored_rot90ccw.jpg",
                "obama_orient8_stored_rot90cw.jpg",
                "bbt4_6faces_orient6.jpg"
            })
    void honoursExifOrientation(String name) throws IOException {
        byte[] stored = bytes("detection/exif-orientation/" + name);
        DecodedImage reference = decoder.decode(bytes(name.startsWith("obama") ? OBAMA : BBT4));

        DecodedImage upright = decoder.decode(stored);

        assertThat(meanAbsoluteDifference(upright, reference)).isLessThan(12);
        // The same pixels without the orientation do not match: the test would catch an ignored tag.
        BufferedImage raw = ImageIO.read(new ByteArrayInputStream(stored));
        if (raw.getWidth() == reference.width()) {
            DecodedImage unoriented =
                    new DecodedImage(raw.getWidth(), raw.getHeight(), BgrConverter.toBgr(raw), "JPEG");
            assertThat(meanAbsoluteDifference(unoriented, reference)).isGreaterThan(30);
        } else {
            assertThat(raw.getWidth()).isEqualTo(reference.height());
        }
    }

    @Test
    void turnsAllEightExifOrientationsUpright() {
        DecodedImage reference = decoder.decode(bytes("detection/exif-orientation/exifexamples_Portrait_1.jpg"));
        for (int orientation = 0; orientation <= 8; orientation++) {
            DecodedImage image =
                    decoder.decode(bytes("detection/exif-orientation/exifexamples_Portrait_" + orientation + ".jpg"));
            assertThat(meanAbsoluteDifference(image, reference))
                    .as("orientation %d", orientation)
                    .isLessThan(12);
        }
    }
}
