package dev.facerec.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageMediaTypeTest {
    @ParameterizedTest
    @CsvSource({
        "heic, mif1 heic, image/heic",
        "mif1, mif1 heic, image/heic",
        "mif1, mif1 miaf MA1B avif, image/avif",
        "avif, mif1 miaf, image/avif",
        "avis, msf1, image/avif",
        "isom, iso2 mp41, application/octet-stream",
        "qt  , qt, application/octet-stream"
    })
    void recognisesHeifBrands(String major, String compatible, String expected) {
        assertThat(ImageMediaType.sniff(ftyp(major, compatible.split(" ")))).isEqualTo(expected);
    }

    /** A brand past the box's declared size is another box's bytes, not a brand. */
    @ParameterizedTest
    @CsvSource({"16, image/heic", "20, image/avif"})
    void readsBrandsOnlyWithinTheBox(int declaredSize, String expected) {
        byte[] box = ftyp("mif1", "avif");
        ByteBuffer.wrap(box).putInt(0, declaredSize);
        assertThat(ImageMediaType.sniff(box)).isEqualTo(expected);
    }

    private static byte[] ftyp(String major, String... compatible) {
        ByteBuffer box = ByteBuffer.allocate(16 + 4 * compatible.length);
        box.putInt(box.capacity()).put("ftyp".getBytes(StandardCharsets.US_ASCII));
        box.put(major.getBytes(StandardCharsets.US_ASCII)).putInt(0);
        for (String brand : compatible) {
            box.put(brand.getBytes(StandardCharsets.US_ASCII));
        }
        return box.array();
    }
}
