package dev.facerec.ml.image.heif;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facerec.ml.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The photos of {@code data/heic-avif/expected.csv} and the system's libheif, for the tests of every package that
 * decodes HEIC or AVIF.
 */
public final class HeifSamples {
    public static final String DIRECTORY = "heic-avif/";
    public static final String BOMB = DIRECTORY + "bad_bomb_ispe_30000x30000.heic";
    public static final String TRUNCATED = DIRECTORY + "bad_truncated_half.heic";
    public static final String LARGE = DIRECTORY + "deepface_img49_4352x2903.heic";

    private HeifSamples() {}

    /**
     * One row of expected.csv.
     *
     * @param file the name within {@code heic-avif/}
     * @param sourcePhoto the JPEG it was converted from, relative to the data folder
     */
    public record Sample(
            String file, String format, int width, int height, int expectedFaces, int minFaces, String sourcePhoto) {
        public String path() {
            return DIRECTORY + file;
        }

        public byte[] bytes() {
            return SharedFixtures.read(path());
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** The decodable photos; the two hostile files ({@code refuse}) are named by constants instead. */
    public static List<Sample> photos() {
        return lines().stream()
                .skip(1)
                .map(line -> line.split(",", -1))
                .filter(fields -> !"refuse".equals(fields[4]))
                .map(fields -> new Sample(
                        fields[0],
                        fields[1],
                        Integer.parseInt(fields[2]),
                        Integer.parseInt(fields[3]),
                        Integer.parseInt(fields[4]),
                        Integer.parseInt(fields[5]),
                        fields[6]))
                .toList();
    }

    /** Every file the CSV lists, the hostile ones included. */
    public static List<String> listedFiles() {
        return lines().stream()
                .skip(1)
                .filter(line -> !line.isBlank())
                .map(line -> line.substring(0, line.indexOf(',')))
                .toList();
    }

    /**
     * The system's libheif. The one assumption of these tests: a machine without libheif skips what needs it (CI and
     * this project's machines install it, so there the tests run).
     */
    public static HeifCodec codec() {
        return switch (HeifCodec.shared()) {
            case HeifAvailability.Available available -> available.codec();
            case HeifAvailability.Unavailable unavailable -> {
                // Only a missing library skips; one that is there but unusable fails the test.
                assumeTrue(!unavailable.reason().startsWith("cannot load"), "libheif not installed: " + unavailable);
                throw new AssertionError("libheif is installed but " + unavailable.status());
            }
        };
    }

    private static List<String> lines() {
        try {
            return Files.readAllLines(SharedFixtures.data().resolve(DIRECTORY + "expected.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
