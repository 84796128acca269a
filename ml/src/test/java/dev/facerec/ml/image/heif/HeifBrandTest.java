package dev.facerec.ml.image.heif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.ml.SharedFixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HeifBrandTest {
    static java.util.stream.Stream<HeifSamples.Sample> photos() {
        return HeifSamples.photos().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("photos")
    void namesEverySampleAsItsCsvRowDoes(HeifSamples.Sample sample) {
        assertThat(HeifBrand.sniff(SharedFixtures.read(sample.path())).map(HeifBrand::displayName))
                .contains(sample.format().toUpperCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "heic | mif1 heic | HEIC",
                "heix | mif1 | HEIC",
                "heim | | HEIC",
                "heis | | HEIC",
                "hevc | msf1 | HEIC",
                "hevx | | HEIC",
                "avif | avif mif1 miaf | AVIF",
                "avis | msf1 | AVIF",
                // A codec-neutral major brand: the compatible brands decide.
                "mif1 | mif1 avif miaf | AVIF",
                "mif1 | miaf heic | HEIC",
                "msf1 | avis | AVIF",
                "mif1 | miaf | HEIC",
                "mif1 | | HEIC",
                // The major brand decides before the compatible ones.
                "heic | avif | HEIC",
                // Other ISO media files.
                "isom | iso2 mp41 | none",
                "mp42 | mif1 | HEIC",
                "qt   | | none",
                "crx  | | none"
            })
    void decidesByTheMajorBrandThenTheCompatibleOnes(String major, String compatible, String expected) {
        String[] brands =
                compatible == null ? new String[0] : compatible.strip().split(" ");
        byte[] ftyp = ftyp(major, brands, 16 + 4 * brands.length);

        assertThat(HeifBrand.sniff(ftyp).map(HeifBrand::name)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "8", "12", "17", "2147483647", "-1"})
    void readsCompatibleBrandsNoFurtherThanTheBoxOrTheBytes(int declaredSize) {
        byte[] ftyp = ftyp("mif1", new String[] {"avif"}, declaredSize);

        // Size 0 runs to the end of the file; 20 and more include the brand; anything less leaves only mif1.
        Optional<HeifBrand> expected = declaredSize == 0 || declaredSize >= 20 || declaredSize < 0
                ? Optional.of(HeifBrand.AVIF)
                : Optional.of(HeifBrand.HEIC);
        assertThat(HeifBrand.sniff(ftyp)).isEqualTo(expected);
        assertThat(HeifBrand.sniff(java.util.Arrays.copyOf(ftyp, 17))).contains(HeifBrand.HEIC);
    }

    @ParameterizedTest
    @CsvSource({"0", "4", "8", "11"})
    void doesNotMatchTooFewBytes(int length) {
        byte[] ftyp = java.util.Arrays.copyOf(ftyp("heic", new String[0], 16), length);

        assertThat(HeifBrand.sniff(ftyp)).isEmpty();
    }

    private static byte[] ftyp(String major, String[] compatible, int declaredSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {
            (byte) (declaredSize >>> 24), (byte) (declaredSize >>> 16), (byte) (declaredSize >>> 8), (byte) declaredSize
        });
        out.writeBytes("ftyp".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(String.format("%-4s", major).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[4]);
        for (String brand : compatible) {
            out.writeBytes(String.format("%-4s", brand).getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
