package dev.facerec.ml.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** JPEGs through libjpeg-turbo at a DCT scale: same picture as ImageIO's full decode, fewer pixels, finer regions. */
class ScaledJpegDecoderTest {
    private final SafeImageDecoder imageIo = new SafeImageDecoder(TestImages.DEFAULT_LIMIT);

    @ParameterizedTest
    @CsvSource({
        // photo, DCT scale expected for a 1920 px detection side
        "large/deepface_img40_3061x4600.jpg, 0.5",
        "large/deepface_img49_4352x2903.jpg, 0.5",
        "large/facenetpytorch_shea_whigham_2048.jpg, 1",
        "large/solvay1927_upscaled_7000px.jpg, 0.5",
        "multi-face/deepface_couple.jpg, 1",
        "single-face/facerec_obama.jpg, 1"
    })
    void decodesAtTheSmallestScaleThatCoversDetection(String photo, float scale) {
        byte[] bytes = TestImages.bytes("detection/" + photo);
        DecodedImage full = imageIo.decode(bytes);

        DecodedImage scaled = TestImages.nativeDecoder().decode(bytes);

        assertThat(scaled.scale()).isEqualTo(scale);
        assertThat(scaled.sourceWidth()).isEqualTo(full.width());
        assertThat(scaled.sourceHeight()).isEqualTo(full.height());
        assertThat(Math.max(scaled.width(), scaled.height()))
                .isGreaterThanOrEqualTo(Math.min(1920, Math.max(full.width(), full.height())));
        assertThat(scaled.width()).isEqualTo((int) Math.ceil(full.width() * scale));
        // The same picture: ImageIO's full decode averaged down to the same grid differs by a few levels at most.
        assertThat(TestImages.meanAbsoluteDifference(scaled, averagedDown(full, scaled)))
                .isLessThan(3.0);
    }

    @ParameterizedTest
    @MethodSource("orientedPhotos")
    void appliesTheExifOrientationLikeImageIo(Path photo) {
        byte[] bytes = TestImages.bytes(photo);
        DecodedImage full = imageIo.decode(bytes);

        DecodedImage scaled = TestImages.nativeDecoder(64).decode(bytes);

        assertThat(scaled.sourceWidth()).isEqualTo(full.width());
        assertThat(scaled.sourceHeight()).isEqualTo(full.height());
        assertThat(TestImages.meanAbsoluteDifference(scaled, averagedDown(full, scaled)))
                .isLessThan(3.0);
    }

    /** A finer look at a region gives the pixels ImageIO's full decode has there, in every orientation. */
    @ParameterizedTest
    @MethodSource("orientedPhotos")
    void aFinerRegionMatchesTheFullDecodeThere(Path photo) {
        byte[] bytes = TestImages.bytes(photo);
        DecodedImage full = imageIo.decode(bytes);
        DecodedImage scaled = TestImages.nativeDecoder(64).decode(bytes);
        assertThat(scaled.scale()).isLessThan(1f);
        BoundingBox area =
                new BoundingBox(full.width() * 0.3f, full.height() * 0.2f, full.width() * 0.4f, full.height() * 0.5f);

        DecodedImage region = scaled.finer(area, 1).orElseThrow();

        assertThat(region.scale()).isEqualTo(1f);
        assertThat(region.covers(area)).isTrue();
        assertThat(region.sourceWidth()).isEqualTo(full.width());
        int left = (int) region.placement().left();
        int top = (int) region.placement().top();
        assertThat(left + region.width()).isLessThanOrEqualTo(full.width());
        assertThat(top + region.height()).isLessThanOrEqualTo(full.height());
        assertThat(TestImages.meanAbsoluteDifference(region, cut(full, left, top, region.width(), region.height())))
                .isLessThan(2.0);
    }

    @Test
    void saysWhichDecoderJpegsGet() {
        assertThat(jpegFormat(TestImages.nativeDecoder()).decoder()).startsWith("libjpeg-turbo");
        assertThat(jpegFormat(imageIo).decoder()).isEqualTo(ImageFormat.IMAGE_IO);
    }

    @Test
    void withoutTheLibraryJpegsGoToImageIoAndTheReasonIsShown() {
        SafeImageDecoder decoder =
                SafeImageDecoder.withNativeCodecs(TestImages.DEFAULT_LIMIT, 1920, "libno-such-turbojpeg.so.0");
        byte[] bytes = TestImages.bytes("detection/large/deepface_img49_4352x2903.jpg");

        DecodedImage image = decoder.decode(bytes);

        assertThat(image.scale()).isEqualTo(1f);
        assertThat(image.width()).isEqualTo(4352);
        assertThat(jpegFormat(decoder).decoder())
                .contains("ImageIO")
                .contains("libjpeg-turbo unavailable")
                .contains("libno-such-turbojpeg");
    }

    @Test
    void declaresThePixelsItWillMake() {
        byte[] bytes = TestImages.bytes("detection/large/deepface_img40_3061x4600.jpg");
        SafeImageDecoder decoder = TestImages.nativeDecoder();

        assertThat(decoder.declaredPixels(bytes))
                .isEqualTo(decoder.decode(bytes).pixelCount());
        assertThat(imageIo.declaredPixels(bytes)).isEqualTo(3061L * 4600);
    }

    static Stream<Path> orientedPhotos() throws IOException {
        try (Stream<Path> files = Files.list(TestImages.data("detection/exif-orientation"))) {
            return files.filter(file -> file.toString().endsWith(".jpg")).sorted().toList().stream();
        }
    }

    private static ImageFormat jpegFormat(SafeImageDecoder decoder) {
        return decoder.supportedFormats().stream()
                .filter(f -> f.name().equals("JPEG"))
                .findFirst()
                .orElseThrow();
    }

    /** Area average of a full decode onto the pixel grid of {@code scaled} (its placement: origin and scale). */
    private static DecodedImage averagedDown(DecodedImage image, DecodedImage scaled) {
        int width = scaled.width();
        int height = scaled.height();
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            int y0 = Math.max(0, (int) Math.floor(scaled.placement().toSourceY(y)));
            int y1 = Math.max(y0 + 1, Math.min(image.height(), (int)
                    Math.floor(scaled.placement().toSourceY(y + 1))));
            for (int x = 0; x < width; x++) {
                int x0 = Math.max(0, (int) Math.floor(scaled.placement().toSourceX(x)));
                int x1 = Math.max(x0 + 1, Math.min(image.width(), (int)
                        Math.floor(scaled.placement().toSourceX(x + 1))));
                for (int c = 0; c < 3; c++) {
                    long sum = 0;
                    for (int yy = y0; yy < y1; yy++) {
                        for (int xx = x0; xx < x1; xx++) {
                            sum += image.bgr()[(yy * image.width() + xx) * 3 + c] & 0xFF;
                        }
                    }
                    out[(y * width + x) * 3 + c] = (byte) Math.round((double) sum / ((y1 - y0) * (x1 - x0)));
                }
            }
        }
        return new DecodedImage(width, height, out, image.format());
    }

    private static DecodedImage cut(DecodedImage image, int left, int top, int width, int height) {
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            System.arraycopy(image.bgr(), ((top + y) * image.width() + left) * 3, out, y * width * 3, width * 3);
        }
        return new DecodedImage(width, height, out, image.format());
    }
}
