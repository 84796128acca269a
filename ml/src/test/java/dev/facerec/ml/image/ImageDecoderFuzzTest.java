package dev.facerec.ml.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.image.turbo.TurboJpeg;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz tests, one per entry point that parses uploaded bytes. Under {@code mvn verify} each runs in Jazzer's
 * regression mode over its seeds (the shared photos, see {@link FuzzSeeds}) and over the files committed under
 * {@code ImageDecoderFuzzTestInputs/<method>/} (past findings); {@code make fuzz} runs them with coverage-guided
 * mutation. Whatever codec {@link SafeImageDecoder} dispatches to (ImageIO today, native codecs behind it) is reached
 * through {@link #decode} and {@link #declaredPixels}.
 *
 * <p>The property: a parser either answers or refuses with a {@link FaceException} whose code is one a caller can act
 * on (4xx). Any other exception, an {@link Error}, a hang (Jazzer's timeout) or a crash of the process is a finding.
 */
class ImageDecoderFuzzTest {
    /** Small, so that a mutated header declaring a big picture cannot make each execution slow. */
    static final long PIXEL_LIMIT = 4_000_000;

    private static final Set<FaceErrorCode> CALLER_ERRORS =
            EnumSet.of(FaceErrorCode.IMAGE_UNREADABLE, FaceErrorCode.IMAGE_UNSUPPORTED, FaceErrorCode.IMAGE_TOO_LARGE);

    private final SafeImageDecoder decoder = new SafeImageDecoder(PIXEL_LIMIT);

    /**
     * libjpeg-turbo (where installed) covering only 64 px, so that nearly every JPEG is decoded at a reduced DCT scale
     * and its finer regions are reached too.
     */
    private final SafeImageDecoder nativeDecoder =
            SafeImageDecoder.withNativeCodecs(PIXEL_LIMIT, 64, TurboJpeg.LIBRARY);

    static Stream<Arguments> seeds() {
        return FuzzSeeds.arguments();
    }

    @MethodSource("seeds")
    @FuzzTest
    void decode(byte[] bytes) {
        DecodedImage image;
        try {
            image = decoder.decode(bytes);
        } catch (FaceException e) {
            requireCallerError(e);
            return;
        }
        requireValid(image);
    }

    /** The native decoders: TurboJPEG's header, scaled decode and lossless crop of a finer region; libheif. */
    @MethodSource("seeds")
    @FuzzTest
    void nativeDecode(byte[] bytes) {
        DecodedImage image;
        try {
            nativeDecoder.declaredPixels(bytes);
            image = nativeDecoder.decode(bytes);
        } catch (FaceException e) {
            requireCallerError(e);
            return;
        }
        requireValid(image);
        if (image.scale() < 1) {
            BoundingBox middle = new BoundingBox(
                    image.sourceWidth() / 4f,
                    image.sourceHeight() / 4f,
                    image.sourceWidth() / 2f,
                    image.sourceHeight() / 2f);
            image.finer(middle, 1).ifPresent(region -> {
                requireValid(region);
                require(region.covers(middle), "%s does not cover %s", region, middle);
            });
        }
    }

    @MethodSource("seeds")
    @FuzzTest
    void declaredPixels(byte[] bytes) {
        long pixels;
        try {
            pixels = decoder.declaredPixels(bytes);
        } catch (FaceException e) {
            requireCallerError(e);
            return;
        }
        require(pixels >= 1 && pixels <= PIXEL_LIMIT, "declared %d pixels, outside [1, %d]", pixels, PIXEL_LIMIT);
    }

    @MethodSource("seeds")
    @FuzzTest
    void jpegStructure(byte[] bytes) {
        JpegStructure.reachesEndOfImage(bytes);
    }

    @MethodSource("seeds")
    @FuzzTest
    void webpStructure(byte[] bytes) {
        WebpStructure.isComplete(bytes);
    }

    /** Every format's reader, whatever the bytes are: a sniffer mistake must not reach an unguarded parser. */
    @MethodSource("seeds")
    @FuzzTest
    void exifOrientation(byte[] bytes) {
        for (SupportedFormat format : SupportedFormat.values()) {
            int orientation = ExifOrientation.read(bytes, format);
            require(orientation >= 1 && orientation <= 8, "%s orientation %d outside 1-8", format, orientation);
        }
    }

    @MethodSource("seeds")
    @FuzzTest
    void exifChunks(byte[] bytes) {
        requireWithin(ExifChunks.png(bytes), bytes);
        requireWithin(ExifChunks.webp(bytes), bytes);
    }

    @MethodSource("seeds")
    @FuzzTest
    void foreignContent(byte[] bytes) {
        ForeignContent.describe(bytes)
                .ifPresent(description -> require(!description.isBlank(), "blank description of foreign content"));
    }

    private static void requireValid(DecodedImage image) {
        require(image.pixelCount() <= PIXEL_LIMIT, "decoded %s past the limit of %d pixels", image, PIXEL_LIMIT);
        require(
                image.bgr().length == image.pixelCount() * 3,
                "%s holds %d bytes, not width x height x 3",
                image,
                image.bgr().length);
    }

    private static void requireCallerError(FaceException e) {
        if (!CALLER_ERRORS.contains(e.code())) {
            throw new AssertionError("refused with " + e.code() + ", not a caller's error", e);
        }
    }

    private static void requireWithin(Optional<byte[]> chunk, byte[] file) {
        chunk.ifPresent(payload -> require(
                payload.length <= file.length, "a %d-byte chunk in a %d-byte file", payload.length, file.length));
    }

    private static void require(boolean condition, String message, Object... arguments) {
        if (!condition) {
            throw new AssertionError(String.format(message, arguments));
        }
    }
}
