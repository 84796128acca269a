package dev.facerec.ml.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The seed corpus of the decoder fuzz tests: every photo and hostile file in the shared {@code detection} (all
 * sub-folders), {@code bad-inputs} and {@code heic-avif} folders, read at test time so that nothing in the product or
 * its test resources needs {@code ../shared}. Files past {@link #LARGEST_SEED} are left out: a 12 MP photo makes every
 * execution slow and every mutation of it too, and the small photos cover the same formats. Lists and checksums beside
 * the photos are no seeds.
 */
final class FuzzSeeds {
    /** The default cap; {@code -Dfacerec.fuzz.seed-max-bytes} sets another (make fuzz uses a smaller one). */
    static final long LARGEST_SEED = 300 * 1024;

    static final List<String> DIRECTORIES = List.of("detection", "bad-inputs", "heic-avif");
    private static final Set<String> NOT_IMAGES = Set.of("SHA256SUMS", "csv", "md", "mat", "txt");

    private FuzzSeeds() {}

    /**
     * Each seed named by its path under the data directory (or {@code synthetic/...}, see {@link SyntheticSeeds}), in
     * a fixed order, for JUnit's parameterized runs.
     */
    static Stream<Arguments> arguments() {
        Stream<Arguments> shared =
                files().stream().map(file -> Arguments.of(Named.of(relativeName(file), TestImages.bytes(file))));
        Stream<Arguments> synthetic = SyntheticSeeds.all().entrySet().stream()
                .map(seed -> Arguments.of(Named.of(seed.getKey(), seed.getValue())));
        return Stream.concat(shared, synthetic);
    }

    static List<Path> files() {
        return DIRECTORIES.stream()
                .flatMap(directory -> walk(TestImages.data(directory)))
                .filter(FuzzSeeds::isSeed)
                .sorted()
                .toList();
    }

    private static Stream<Path> walk(Path directory) {
        assertThat(directory).as("seed directory").isDirectory();
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSeed(Path file) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        try {
            return !NOT_IMAGES.contains(name) && !NOT_IMAGES.contains(extension) && Files.size(file) <= largestSeed();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long largestSeed() {
        return Long.getLong("facerec.fuzz.seed-max-bytes", LARGEST_SEED);
    }

    private static String relativeName(Path file) {
        return TestImages.data("").relativize(file).toString();
    }
}
