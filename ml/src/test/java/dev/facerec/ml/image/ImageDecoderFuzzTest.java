package dev.facerec.ml.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.image.DecodedImage;
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
        require(image.pixelCount() <= PIXEL_LIMIT, "decoded %s past the limit of %d pixels", image, PIXEL_LIMIT);
        require(
                image.bgr().length == image.pixelCount() * 3,
                "%s holds %d bytes, not width x height x 3",
                image,
                image.bgr().length);
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
