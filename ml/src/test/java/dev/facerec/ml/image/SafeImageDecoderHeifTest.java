package dev.facerec.ml.image;

import static dev.facerec.ml.image.TestImages.meanAbsoluteDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageFormat;
import dev.facerec.ml.SharedFixtures;
import dev.facerec.ml.image.heif.HeifCodec;
import dev.facerec.ml.image.heif.HeifSamples;
import dev.facerec.ml.image.heif.HeifSamples.Sample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** HEIC and AVIF through the service's decoder: routing, refusals in the decoder's words, and a server without libheif. */
class SafeImageDecoderHeifTest {
    /**
     * Mean absolute difference per channel (0..255) between a converted photo and its source JPEG, and between the
     * HEIC and AVIF twins: lossy coding at quality 70-75 moves pixels a little; another picture moves them a lot.
     */
    private static final double SAME_PHOTO = 4.0;

    private final SafeImageDecoder decoder = new SafeImageDecoder(TestImages.DEFAULT_LIMIT);
    private final SafeImageDecoder withoutLibheif =
            new SafeImageDecoder(TestImages.DEFAULT_LIMIT, HeifCodec.load("libheif-not-installed.so.1"));

    static Stream<Sample> photos() {
        return HeifSamples.photos().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("photos")
    void decodesEveryPhotoOfTheCsvLikeItsSourceJpeg(Sample sample) {
        HeifSamples.codec();
        DecodedImage image = decoder.decode(sample.bytes());
        DecodedImage source = decoder.decode(SharedFixtures.read(sample.sourcePhoto()));

        assertThat(image.width()).isEqualTo(sample.width());
        assertThat(image.height()).isEqualTo(sample.height());
        assertThat(image.format()).isEqualTo(sample.format().toUpperCase(Locale.ROOT));
        assertThat(decoder.declaredPixels(sample.bytes())).isEqualTo(image.pixelCount());
        double difference = meanAbsoluteDifference(image, source);
        System.out.printf(
                Locale.ROOT, "%s against its source JPEG: mean absolute difference %.2f%n", sample, difference);
        assertThat(difference).isLessThan(SAME_PHOTO);
    }

    @Test
    void heicAndAvifTwinsShowTheSamePicture() {
        HeifSamples.codec();
        Map<String, List<Sample>> twins = HeifSamples.photos().stream()
                .collect(Collectors.groupingBy(sample -> sample.file().replaceAll("\\.[a-z]+$", "")));
        int pairs = 0;
        for (List<Sample> pair : twins.values()) {
            if (pair.size() == 2) {
                DecodedImage heic = decoder.decode(pair.get(0).bytes());
                DecodedImage avif = decoder.decode(pair.get(1).bytes());
                assertThat(meanAbsoluteDifference(heic, avif)).as("%s", pair).isLessThan(SAME_PHOTO);
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo(4);
    }

    @Test
    void theComparisonTellsAnotherPictureApart() {
        HeifSamples.codec();
        DecodedImage first = decoder.decode(SharedFixtures.read("heic-avif/dlib_voc_2008_002079.heic"));
        DecodedImage second = decoder.decode(SharedFixtures.read("heic-avif/dlib_voc_2007_007763.heic"));

        assertThat(meanAbsoluteDifference(first, second)).isGreaterThan(5 * SAME_PHOTO);
    }

    @Test
    void refusesTheIspeBombAsTooLargeBeforeDecoding() {
        HeifSamples.codec();
        byte[] bomb = SharedFixtures.read(HeifSamples.BOMB);

        assertThatThrownBy(() -> decoder.decode(bomb))
                .isInstanceOfSatisfying(FaceException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_TOO_LARGE);
                    assertThat(e.details()).containsEntry("width", 30000).containsEntry("height", 30000);
                })
                .hasMessageStartingWith("The image declares 30000 x 30000 pixels (900.0 megapixels)");
        assertThatThrownBy(() -> decoder.declaredPixels(bomb))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_TOO_LARGE));
    }

    @Test
    void refusesTheTruncatedFileAsUnreadable() {
        HeifSamples.codec();

        assertThatThrownBy(() -> decoder.decode(SharedFixtures.read(HeifSamples.TRUNCATED)))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_UNREADABLE))
                .hasMessageContaining("HEIC image is incomplete");
    }

    @Test
    void aHeifHeaderAloneIsUnreadableAndAVideoIsNamed() {
        HeifSamples.codec();
        byte[] headerOnly = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'};
        byte[] video = {0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 0};

        assertThatThrownBy(() -> decoder.decode(headerOnly))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_UNREADABLE));
        assertThatThrownBy(() -> decoder.decode(video))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_UNSUPPORTED))
                .hasMessageContaining("a video or other media file");
    }

    @Test
    void listsHeicAndAvifWhereLibheifIsLoaded() {
        HeifSamples.codec();

        assertThat(decoder.supportedFormats())
                .extracting(ImageFormat::name)
                .containsExactly("JPEG", "PNG", "WebP", "BMP", "GIF", "TIFF", "HEIC", "AVIF");
    }

    @Test
    void withoutLibheifRefusesHeicAndAvifSayingSo() {
        for (String path : List.of("heic-avif/deepface_couple.heic", "heic-avif/deepface_couple.avif")) {
            byte[] bytes = SharedFixtures.read(path);
            for (var call :
                    List.<Runnable>of(() -> withoutLibheif.decode(bytes), () -> withoutLibheif.declaredPixels(bytes))) {
                assertThatThrownBy(call::run)
                        .as(path)
                        .isInstanceOfSatisfying(
                                FaceException.class,
                                e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_UNSUPPORTED))
                        .hasMessageContaining("this server cannot decode: it was installed without libheif");
            }
        }
        assertThat(withoutLibheif.supportedFormats())
                .extracting(ImageFormat::name)
                .containsExactly("JPEG", "PNG", "WebP", "BMP", "GIF", "TIFF");
        assertThat(withoutLibheif
                        .decode(SharedFixtures.read(SafeImageDecoderTest.OBAMA))
                        .format())
                .isEqualTo("JPEG");
    }

    @Test
    void withoutLibheifTheFormatIsStillNamedFromItsBrands() {
        byte[] avifHeader = "\0\0\0\24ftypmif1\0\0\0\0avif".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> withoutLibheif.decode(avifHeader))
                .hasMessageStartingWith("The file is an AVIF image, which this server cannot decode");
    }
}
