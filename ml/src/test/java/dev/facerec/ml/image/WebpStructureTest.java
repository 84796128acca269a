package dev.facerec.ml.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebpStructureTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "detection/formats/obama.webp",
                "detection/formats/bbt4_6faces.webp",
                "detection/formats/blazeface_3faces_lossless.webp"
            })
    void isCompleteOnlyWhole(String name) {
        byte[] whole = TestImages.bytes(name);

        assertThat(WebpStructure.isComplete(whole)).isTrue();
        for (int length = 0; length < whole.length; length += Math.max(1, whole.length / 97)) {
            assertThat(WebpStructure.isComplete(Arrays.copyOf(whole, length)))
                    .as("cut to %d of %d bytes", length, whole.length)
                    .isFalse();
        }
    }

    /** Found while writing fuzz seeds: the codec answered such a file with a blank canvas of the declared size. */
    @Test
    void refusesAContainerWithoutPicture() {
        byte[] noPicture = SyntheticSeeds.webpExifContainer();

        assertThat(WebpStructure.isComplete(noPicture)).isFalse();
        assertThatThrownBy(() -> new SafeImageDecoder(TestImages.DEFAULT_LIMIT).decode(noPicture))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_UNREADABLE));
    }
}
