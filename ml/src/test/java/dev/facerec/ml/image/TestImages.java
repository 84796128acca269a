package dev.facerec.ml.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.image.turbo.TurboJpeg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared photo collection and pixel comparisons for the decoder tests. */
final class TestImages {
    static final long DEFAULT_LIMIT = 40_000_000L;

    private TestImages() {}

    /**
     * A decoder with libjpeg-turbo, covering the service's default detection side; the test is skipped where the
     * library is not installed (CI installs it, so there it runs).
     */
    static SafeImageDecoder nativeDecoder() {
        return nativeDecoder(1920);
    }

    static SafeImageDecoder nativeDecoder(int coverSide) {
        assumeTrue(
                TurboJpeg.load(TurboJpeg.LIBRARY) instanceof TurboJpeg.Loaded.Available,
                "libjpeg-turbo is not installed (Debian: libturbojpeg0)");
        return SafeImageDecoder.withNativeCodecs(DEFAULT_LIMIT, coverSide, TurboJpeg.LIBRARY);
    }

    static Path data(String relative) {
        String directory = System.getProperty("facerec.data.dir");
        assertThat(directory)
                .as("system property facerec.data.dir (set by surefire)")
                .isNotBlank();
        return Path.of(directory).resolve(relative);
    }

    static byte[] bytes(String relative) {
        return bytes(data(relative));
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean absolute difference per channel on 0..255 between two images of the same size. */
    static double meanAbsoluteDifference(DecodedImage left, DecodedImage right) {
        assertThat(left.width()).isEqualTo(right.width());
        assertThat(left.height()).isEqualTo(right.height());
        byte[] a = left.bgr();
        byte[] b = right.bgr();
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return (double) sum / a.length;
    }

    /** Standard deviation of all channel values: near zero for a blank (single-colour) picture. */
    static double contrast(DecodedImage image) {
        byte[] values = image.bgr();
        double sum = 0;
        double squares = 0;
        for (byte value : values) {
            int v = value & 0xFF;
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / values.length;
        return Math.sqrt(Math.max(0, squares / values.length - mean * mean));
    }
}
