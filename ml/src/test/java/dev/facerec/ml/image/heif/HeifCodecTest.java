package dev.facerec.ml.image.heif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.SharedFixtures;
import dev.facerec.ml.image.heif.HeifException.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeifCodecTest {
    private static final long LIMIT = 40_000_000L;

    static Stream<HeifSamples.Sample> photos() {
        return HeifSamples.photos().stream();
    }

    @Test
    void loadsTheSystemLibraryOfATestedVersion() {
        HeifCodec codec = HeifSamples.codec();

        assertThat(codec.version()).matches("1\\.\\d+\\.\\d+.*");
        assertThat(HeifCodec.status()).isEqualTo("libheif " + codec.version());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("photos")
    void decodesEveryPhotoToItsSizeWithAPicture(HeifSamples.Sample sample) {
        DecodedImage image = HeifSamples.codec().decode(sample.bytes(), LIMIT);

        assertThat(image.width()).isEqualTo(sample.width());
        assertThat(image.height()).isEqualTo(sample.height());
        assertThat(image.format()).isEqualTo(sample.format().toUpperCase(java.util.Locale.ROOT));
        assertThat(distinctValues(image)).as("a real picture, not a flat fill").isGreaterThan(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("photos")
    void declaresFromTheHeaderAsManyPixelsAsDecodingGives(HeifSamples.Sample sample) {
        assertThat(HeifSamples.codec().declaredPixels(sample.bytes(), LIMIT))
                .isEqualTo((long) sample.width() * sample.height());
    }

    @Test
    void refusesTheIspeBombFromItsHeader() {
        byte[] bomb = SharedFixtures.read(HeifSamples.BOMB);
        HeifCodec codec = HeifSamples.codec();

        // The coded picture is only 500 x 375: had it been decoded, it would have passed the limit.
        for (var call : List.<Runnable>of(() -> codec.decode(bomb, LIMIT), () -> codec.declaredPixels(bomb, LIMIT))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(HeifException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
                assertThat(e.width()).isEqualTo(30000);
                assertThat(e.height()).isEqualTo(30000);
            });
        }
    }

    /**
     * The photo is a one-tile grid whose grid header (8 bytes in {@code idat}) gives the canvas size. Declaring a canvas
     * ten times wider than {@code ispe} must be refused by libheif's size limit before the canvas is allocated.
     */
    @Test
    void refusesAGridCanvasLargerThanTheHeaderDeclaresBeforeAllocatingIt() {
        byte[] bytes =
                SharedFixtures.read("heic-avif/dlib_voc_2008_002079.heic").clone();
        int idat = indexOf(bytes, new byte[] {0, 0, 0, 16, 'i', 'd', 'a', 't'});
        assertThat(idat).isPositive();
        // version, flags, rows - 1, columns - 1, then the output width as 16 bits: 500 becomes 5000.
        assertThat(bytes[idat + 12] << 8 | bytes[idat + 13] & 0xFF).isEqualTo(500);
        bytes[idat + 12] = (byte) (5000 >> 8);
        bytes[idat + 13] = (byte) 5000;

        assertThatThrownBy(() -> HeifSamples.codec().decode(bytes, LIMIT))
                .isInstanceOfSatisfying(
                        HeifException.class, e -> assertThat(e.kind()).isEqualTo(Kind.DAMAGED))
                .hasMessageContaining("Security limit exceeded");
    }

    @Test
    void refusesTheTruncatedFile() {
        assertThatThrownBy(() -> HeifSamples.codec().decode(SharedFixtures.read(HeifSamples.TRUNCATED), LIMIT))
                .isInstanceOfSatisfying(
                        HeifException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRUNCATED));
    }

    /** Wherever a file is cut, the answer is a refusal, never a partly decoded picture. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "heic-avif/dlib_voc_2008_002079.heic",
                "heic-avif/dlib_voc_2008_002079.avif",
                "heic-avif/deepface_couple.heic"
            })
    void refusesEveryCutOfAValidFile(String path) {
        byte[] whole = SharedFixtures.read(path);
        for (double kept : new double[] {0.001, 0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.9999}) {
            byte[] cut = Arrays.copyOf(whole, Math.max(1, (int) (whole.length * kept)));
            assertThatThrownBy(() -> HeifSamples.codec().decode(cut, LIMIT))
                    .as("%s cut to %.2f%%", path, kept * 100)
                    .isInstanceOfSatisfying(
                            HeifException.class, e -> assertThat(e.kind()).isIn(Kind.TRUNCATED, Kind.DAMAGED));
        }
    }

    @Test
    void acceptsAPhotoExactlyAtTheLimitAndRefusesOnePixelLess() {
        byte[] photo = SharedFixtures.read("heic-avif/dlib_voc_2008_002079.heic");
        HeifCodec codec = HeifSamples.codec();

        assertThat(codec.decode(photo, 500 * 375).pixelCount()).isEqualTo(500 * 375);
        assertThatThrownBy(() -> codec.decode(photo, 500 * 375 - 1))
                .isInstanceOfSatisfying(
                        HeifException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
    }

    @Test
    void decodesTheSameFromManyThreads() throws Exception {
        List<HeifSamples.Sample> samples = HeifSamples.photos().subList(0, 4);
        HeifCodec codec = HeifSamples.codec();
        List<byte[]> expected =
                samples.stream().map(s -> codec.decode(s.bytes(), LIMIT).bgr()).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (HeifSamples.Sample sample : samples) {
                    results.add(pool.submit(
                            () -> codec.decode(sample.bytes(), LIMIT).bgr()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % samples.size()));
            }
        }
    }

    @Test
    void aMissingLibraryIsUnavailableWithTheReason() {
        HeifAvailability availability = HeifCodec.load("libheif-not-installed.so.1");

        assertThat(availability).isInstanceOf(HeifAvailability.Unavailable.class);
        assertThat(availability.status()).startsWith("unavailable: cannot load").contains("libheif-not-installed.so.1");
    }

    @Test
    void aLibraryThatIsNotLibheifIsUnavailableWithTheReason() {
        HeifAvailability availability = HeifCodec.load("libz.so.1");

        assertThat(availability.status())
                .startsWith("unavailable: libz.so.1 is not libheif")
                .contains("no function");
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    private static long distinctValues(DecodedImage image) {
        boolean[] seen = new boolean[1 << 24];
        byte[] bgr = image.bgr();
        long distinct = 0;
        for (int i = 0; i < bgr.length; i += 3) {
            int colour = (bgr[i] & 0xFF) << 16 | (bgr[i + 1] & 0xFF) << 8 | (bgr[i + 2] & 0xFF);
            if (!seen[colour]) {
                seen[colour] = true;
                distinct++;
            }
        }
        return distinct;
    }
}
