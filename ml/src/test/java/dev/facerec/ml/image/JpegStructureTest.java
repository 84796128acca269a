package dev.facerec.ml.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JpegStructureTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                // Its EXIF block carries a thumbnail with its own end marker, which must not count.
                "detection/single-face/facerec_obama.jpg",
                "detection/formats/obama_progressive.jpg",
                "detection/formats/obama_cmyk.jpg",
                "bad-inputs/corrupted_middle.jpg"
            })
    void findsTheEndOnlyInACompleteFile(String name) {
        byte[] whole = TestImages.bytes(name);

        assertThat(JpegStructure.reachesEndOfImage(whole)).isTrue();
        for (int length = 0; length < whole.length - 1; length += Math.max(1, whole.length / 97)) {
            assertThat(JpegStructure.reachesEndOfImage(Arrays.copyOf(whole, length)))
                    .as("cut to %d of %d bytes", length, whole.length)
                    .isFalse();
        }
        assertThat(JpegStructure.reachesEndOfImage(Arrays.copyOf(whole, whole.length - 1)))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"detection/single-face/facerec_obama.jpg", "bad-inputs/truncated_30pct.jpg"})
    void ignoresWhatFollowsTheEnd(String name) {
        byte[] image = TestImages.bytes(name);
        ByteArrayOutputStream withTrailer = new ByteArrayOutputStream();
        withTrailer.writeBytes(image);
        withTrailer.writeBytes(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'});

        assertThat(JpegStructure.reachesEndOfImage(withTrailer.toByteArray()))
                .isEqualTo(JpegStructure.reachesEndOfImage(image));
    }
}
