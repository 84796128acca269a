package dev.facerec.ml.image;

import static dev.facerec.ml.image.TestImages.bytes;
import static dev.facerec.ml.image.TestImages.contrast;
import static dev.facerec.ml.image.TestImages.meanAbsoluteDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeImageDecoderTest {
    static final String OBAMA = "detection/single-face/facerec_obama.jpg";
    static final String BBT4 = "detection/formats/bbt4_6faces.png";

    /** Every file in detection/formats with its size and, where it shows the same picture, the reference it matches. */
    private static final Map<String, Expected> FORMATS = Map.ofEntries(
            Map.entry("bbt4_6faces.png", new Expected(710, 473, null, "PNG")),
            Map.entry("bbt4_6faces.webp", new Expected(710, 473, BBT4, "WebP")),
            Map.entry("blazeface_3faces_lossless.webp", new Expected(128, 128, null, "WebP")),
            Map.entry("obama.bmp", new Expected(910, 1137, OBAMA, "BMP")),
            Map.entry("obama.tif", new Expected(910, 1137, OBAMA, "TIFF")),
            Map.entry("obama.webp", new Expected(910, 1137, OBAMA, "WebP")),
            Map.entry("obama_16bit.png", new Expected(910, 1137, OBAMA, "PNG")),
            Map.entry("obama_cmyk.jpg", new Expected(910, 1137, OBAMA, "JPEG")),
            Map.entry("obama_first_frame.gif", new Expected(455, 569, null, "GIF")),
            Map.entry("obama_palette8bit.png", new Expected(910, 1137, OBAMA, "PNG")),
            Map.entry("obama_progressive.jpg", new Expected(910, 1137, OBAMA, "JPEG")),
            Map.entry("obama_rgba_semitransparent.png", new Expected(910, 1137, null, "PNG")));

    private static final Map<String, Expected> GRAYSCALE = Map.of(
            "bbt4_6faces_gray.jpg", new Expected(710, 473, null, "JPEG"),
            "obama_gray.jpg", new Expected(910, 1137, null, "JPEG"),
            "obama_gray.png", new Expected(910, 1137, null, "PNG"),
            "skimage_camera_gray.png", new Expected(512, 512, null, "PNG"));

    private final SafeImageDecoder decoder = new SafeImageDecoder(TestImages.DEFAULT_LIMIT);

    record Expected(int width, int height, String sameAs, String format) {}

    static Stream<String> formatFiles() throws IOException {
        return namesIn("detection/formats");
    }

    static Stream<String> grayscaleFiles() throws IOException {
        return namesIn("detection/grayscale");
    }

    private static Stream<String> namesIn(String directory) throws IOException {
        try (Stream<Path> files = Files.list(TestImages.data(directory))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("formatFiles")
    void decodesEveryFormatSample(String name) {
        Expected expected = FORMATS.get(name);
        assertThat(expected).as("expectation for new file " + name).isNotNull();

        DecodedImage image = decoder.decode(bytes("detection/formats/" + name));

        assertSize(image, expected);
        if (expected.sameAs() != null) {
            // Also proves the channel order: swapped red and blue would differ by far more.
            DecodedImage reference = decoder.decode(bytes(expected.sameAs()));
            assertThat(meanAbsoluteDifference(image, reference)).isLessThan(12);
        }
    }

    @ParameterizedTest
    @MethodSource("grayscaleFiles")
    void decodesGrayscaleToEqualChannels(String name) {
        Expected expected = GRAYSCALE.get(name);
        assertThat(expected).as("expectation for new file " + name).isNotNull();

        DecodedImage image = decoder.decode(bytes("detection/grayscale/" + name));

        assertSize(image, expected);
        byte[] bgr = image.bgr();
        for (int i = 0; i < bgr.length; i += 3) {
            assertThat(bgr[i + 1]).isEqualTo(bgr[i]);
            assertThat(bgr[i + 2]).isEqualTo(bgr[i]);
        }
    }

    @Test
    void refusesAnImageOverTheLimitWithDetails() {
        SafeImageDecoder tight = new SafeImageDecoder(1000);

        assertThatThrownBy(() -> tight.decode(bytes(OBAMA)))
                .isInstanceOfSatisfying(FaceException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_TOO_LARGE);
                    assertThat(e.details())
                            .containsEntry("width", 910)
                            .containsEntry("height", 1137)
                            .containsEntry("maxPixels", 1000L);
                })
                .hasMessage("The image declares 910 x 1137 pixels (1.0 megapixels); the limit is 0.0 megapixels."
                        + " Resize it and try again.");
    }

    @ParameterizedTest
    @MethodSource("formatFiles")
    void declaresFromTheHeaderAsManyPixelsAsDecodingGives(String name) {
        byte[] bytes = bytes("detection/formats/" + name);

        assertThat(decoder.declaredPixels(bytes))
                .isEqualTo(decoder.decode(bytes).pixelCount());
    }

    @Test
    void declaresNothingForWhatDecodingRefusesFromTheHeader() {
        assertThatThrownBy(() -> decoder.declaredPixels(bytes("bad-inputs/bomb_png_65535x65535_header_only.png")))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_TOO_LARGE));
        assertThatThrownBy(() -> decoder.declaredPixels(new byte[0]))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_UNREADABLE));
        assertThatThrownBy(() -> decoder.declaredPixels(bytes("bad-inputs/pdf_text_only.pdf")))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_UNSUPPORTED));
    }

    @Test
    void acceptsAnImageExactlyAtTheLimit() {
        assertThat(new SafeImageDecoder(910 * 1137).decode(bytes(OBAMA)).pixelCount())
                .isEqualTo(910 * 1137);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Integer.MAX_VALUE})
    void rejectsAnImpossibleLimit(long limit) {
        assertThatThrownBy(() -> new SafeImageDecoder(limit)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesTheSameFromManyThreads() throws Exception {
        List<String> names = List.of(OBAMA, BBT4, "detection/formats/obama.webp", "detection/formats/obama.tif");
        List<byte[]> expected =
                names.stream().map(name -> decoder.decode(bytes(name)).bgr()).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (String name : names) {
                    results.add(pool.submit(() -> decoder.decode(bytes(name)).bgr()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % names.size()));
            }
        }
    }

    @Test
    void listsTheSupportedFormats() {
        // Then HEIC and AVIF where libheif is installed (SafeImageDecoderHeifTest).
        assertThat(decoder.supportedFormats())
                .extracting(ImageFormat::name, ImageFormat::mediaType)
                .startsWith(
                        tuple("JPEG", "image/jpeg"),
                        tuple("PNG", "image/png"),
                        tuple("WebP", "image/webp"),
                        tuple("BMP", "image/bmp"),
                        tuple("GIF", "image/gif"),
                        tuple("TIFF", "image/tiff"));
        assertThat(decoder.supportedFormats()).allSatisfy(format -> {
            assertThat(format.extensions()).isNotEmpty();
            assertThat(format.notes()).isNotBlank();
        });
    }

    /**
     * Prints decode times for a typical upload (LFW, 250 x 250) and a large progressive photo; a figure to read, not a
     * pass mark. Kept to a few runs because the build machine is shared.
     */
    @Test
    void printsDecodeTimes() {
        byte[] small = bytes(firstLfwImage());
        byte[] large = bytes("detection/large/deepface_img49_4352x2903.jpg");
        System.out.printf(
                "SafeImageDecoder: 250x250 JPEG %.2f ms, 4352x2903 JPEG %.1f ms (median after warm-up)%n",
                medianMillis(small, 200, 51), medianMillis(large, 1, 3));
    }

    private double medianMillis(byte[] bytes, int warmUps, int runs) {
        for (int i = 0; i < warmUps; i++) {
            decoder.decode(bytes);
        }
        double[] millis = IntStream.range(0, runs)
                .mapToDouble(run -> {
                    long start = System.nanoTime();
                    decoder.decode(bytes);
                    return (System.nanoTime() - start) / 1e6;
                })
                .sorted()
                .toArray();
        return millis[runs / 2];
    }

    private static String firstLfwImage() {
        try (Stream<Path> files = Files.walk(TestImages.data("lfw-dev/images"))) {
            Path first = files.filter(file -> file.toString().endsWith(".jpg"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
            return TestImages.data("").relativize(first).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertSize(DecodedImage image, Expected expected) {
        assertThat(image.width()).isEqualTo(expected.width());
        assertThat(image.height()).isEqualTo(expected.height());
        assertThat(image.format()).isEqualTo(expected.format());
        assertThat(contrast(image)).as("not blank").isGreaterThan(20);
    }
}
