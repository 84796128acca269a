package dev.facerec.ml.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.image.DecodedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every hostile or odd file in bad-inputs/ ends in a picture or a FaceException with the right code, quickly. */
class BadInputsTest {
    private static final String DIRECTORY = "bad-inputs";
    private static final Set<String> NOT_INPUTS = Set.of("expected.csv", "SHA256SUMS");
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    private static final Map<String, Outcome> OUTCOMES = Map.ofEntries(
            Map.entry("zero_bytes.jpg", refused(FaceErrorCode.IMAGE_UNREADABLE)),
            Map.entry("text_named.jpg", refused(FaceErrorCode.IMAGE_UNREADABLE)),
            // Recognisably a web page: the caller hears what they sent, as for PDF and SVG.
            Map.entry("html_named.png", refused(FaceErrorCode.IMAGE_UNSUPPORTED)),
            Map.entry("random_bytes.jpg", refused(FaceErrorCode.IMAGE_UNREADABLE)),
            Map.entry("jpeg_magic_only.jpg", refused(FaceErrorCode.IMAGE_UNREADABLE)),
            Map.entry("truncated_header_only.jpg", refused(FaceErrorCode.IMAGE_UNREADABLE)),
            Map.entry("truncated_30pct.jpg", refused(FaceErrorCode.IMAGE_UNREADABLE)),
            Map.entry("truncated_half.png", refused(FaceErrorCode.IMAGE_UNREADABLE)),
            Map.entry("truncated_half.webp", refused(FaceErrorCode.IMAGE_UNREADABLE)),
            Map.entry("corrupted_middle.jpg", decoded(910, 1137)),
            Map.entry("png_content_named.jpg", decoded(128, 128)),
            Map.entry("bomb_png_20000x20000_rgb_valid.png", refused(FaceErrorCode.IMAGE_TOO_LARGE)),
            Map.entry("bomb_png_20000x20000_1bit_valid.png", refused(FaceErrorCode.IMAGE_TOO_LARGE)),
            Map.entry("bomb_png_20000x20000_header_only.png", refused(FaceErrorCode.IMAGE_TOO_LARGE)),
            Map.entry("bomb_png_65535x65535_header_only.png", refused(FaceErrorCode.IMAGE_TOO_LARGE)),
            Map.entry("bomb_jpeg_declared_65000x65000.jpg", refused(FaceErrorCode.IMAGE_TOO_LARGE)),
            Map.entry("extreme_aspect_20000x10.jpg", decoded(20000, 10)),
            Map.entry("extreme_aspect_10x20000.png", decoded(10, 20000)),
            Map.entry("one_pixel.jpg", decoded(1, 1)),
            Map.entry("one_pixel.png", decoded(1, 1)),
            Map.entry("animated_3frames_face.gif", decoded(228, 284)),
            Map.entry("pdf_with_face_photo.pdf", refused(FaceErrorCode.IMAGE_UNSUPPORTED)),
            Map.entry("pdf_text_only.pdf", refused(FaceErrorCode.IMAGE_UNSUPPORTED)),
            Map.entry("vector.svg", refused(FaceErrorCode.IMAGE_UNSUPPORTED)));

    private final SafeImageDecoder decoder = new SafeImageDecoder(TestImages.DEFAULT_LIMIT);

    /** Either the size the picture decodes to, or the code it is refused with. */
    record Outcome(int width, int height, FaceErrorCode code) {}

    private static Outcome decoded(int width, int height) {
        return new Outcome(width, height, null);
    }

    private static Outcome refused(FaceErrorCode code) {
        return new Outcome(0, 0, code);
    }

    /** The directory listing, not the table, drives the test, so a file added later cannot go unchecked. */
    static Stream<String> inputs() throws IOException {
        try (Stream<Path> files = Files.list(TestImages.data(DIRECTORY))) {
            return files
                    .map(file -> file.getFileName().toString())
                    .filter(name -> !NOT_INPUTS.contains(name))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void decodesOrRefusesWithTheRightCode(String name) {
        decodesOrRefuses(decoder, name);
    }

    /** libjpeg-turbo's path gives every file the answer ImageIO gives (other formats pass through to ImageIO). */
    @ParameterizedTest
    @MethodSource("inputs")
    void theNativeDecoderGivesTheSameAnswers(String name) {
        decodesOrRefuses(TestImages.nativeDecoder(), name);
    }

    private void decodesOrRefuses(SafeImageDecoder decoder, String name) {
        Outcome outcome = OUTCOMES.get(name);
        assertThat(outcome).as("expected outcome for new file " + name).isNotNull();
        byte[] bytes = TestImages.bytes(DIRECTORY + "/" + name);

        assertTimeoutPreemptively(GENEROUS, () -> {
            if (outcome.code() == null) {
                DecodedImage image = decoder.decode(bytes);
                assertThat(image.sourceWidth()).isEqualTo(outcome.width());
                assertThat(image.sourceHeight()).isEqualTo(outcome.height());
            } else {
                assertThatThrownBy(() -> decoder.decode(bytes)).isInstanceOfSatisfying(FaceException.class, e -> {
                    assertThat(e.code()).isEqualTo(outcome.code());
                    assertThat(e.getMessage()).endsWith(".");
                });
            }
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "single-face/facerec_obama.jpg",
                "formats/obama_progressive.jpg",
                "formats/bbt4_6faces.png",
                "formats/obama.webp",
                "formats/blazeface_3faces_lossless.webp",
                "formats/obama.bmp",
                "formats/obama_first_frame.gif",
                "formats/obama.tif"
            })
    void refusesEveryFormatCutShort(String name) {
        byte[] whole = TestImages.bytes("detection/" + name);
        for (double kept : new double[] {0.05, 0.3, 0.6, 0.9}) {
            byte[] cut = Arrays.copyOf(whole, (int) (whole.length * kept));
            assertThatThrownBy(() -> decoder.decode(cut))
                    .as("%s cut to %.0f%%", name, kept * 100)
                    .isInstanceOfSatisfying(
                            FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_UNREADABLE));
        }
    }

    @Test
    void tableCoversExactlyTheFilesListedInExpectedCsv() throws IOException {
        Set<String> listed;
        try (Stream<String> lines = Files.lines(TestImages.data(DIRECTORY + "/expected.csv"))) {
            listed = lines.skip(1)
                    .filter(line -> !line.isBlank())
                    .map(line -> line.substring(0, line.indexOf(',')))
                    .collect(Collectors.toSet());
        }
        assertThat(OUTCOMES.keySet()).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(inputs()).containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void bombsReportTheirDeclaredSizeAndTheLimit() {
        byte[] bomb = TestImages.bytes(DIRECTORY + "/bomb_png_20000x20000_rgb_valid.png");

        assertThatThrownBy(() -> decoder.decode(bomb))
                .isInstanceOfSatisfying(
                        FaceException.class,
                        e -> assertThat(e.details())
                                .containsEntry("width", 20000)
                                .containsEntry("height", 20000)
                                .containsEntry("maxPixels", TestImages.DEFAULT_LIMIT))
                .hasMessage("The image declares 20000 x 20000 pixels (400.0 megapixels); the limit is 40.0 megapixels."
                        + " Resize it and try again.");
    }

    @Test
    void namesWhatAPdfIs() {
        assertThatThrownBy(() -> decoder.decode(TestImages.bytes(DIRECTORY + "/pdf_with_face_photo.pdf")))
                .hasMessage("The file is a PDF document, not a supported image."
                        + " Upload a JPEG, PNG, WebP, BMP, GIF or TIFF photo.");
    }

    @Test
    void namesOtherRecognisedFormats() {
        // HEIC and AVIF are decoded where libheif is installed, and named where it is not (SafeImageDecoderHeifTest).
        assertUnsupported(new byte[] {0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 0}, "video");
        assertUnsupported(
                "\uFEFF  <?xml version=\"1.0\"?>\n<svg/>".getBytes(java.nio.charset.StandardCharsets.UTF_8), "SVG");
        assertUnsupported("<!DOCTYPE html><p>hi".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HTML");
        assertUnsupported("<?xml version=\"1.0\"?><a/>".getBytes(java.nio.charset.StandardCharsets.UTF_8), "XML");
    }

    private void assertUnsupported(byte[] bytes, String named) {
        assertThatThrownBy(() -> decoder.decode(bytes))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_UNSUPPORTED))
                .hasMessageContaining(named);
    }
}
