package dev.facerec.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The photos the benchmark runs on, read into memory up front so that disk reads are not measured. The LFW sample
 * is deterministic: the image list sorted by path, then {@code n} images evenly spaced through it (so the sample
 * spans the alphabet of people instead of the first few names).
 */
public final class BenchmarkPhotos {
    /** Group photos with many faces of different sizes, for the batched-embedding figures. */
    static final List<String> MULTI_FACE =
            List.of("faceapi_bbt4.jpg", "human_solvay1927.jpg", "dlib_voc_2008_002470.jpg");

    private BenchmarkPhotos() {}

    /** One encoded photo. */
    public record Photo(String name, byte[] bytes) {}

    static List<Photo> lfwSample(Path data, int n) {
        List<Path> all = list(data.resolve("lfw-dev/images"));
        return evenlySpaced(all, n).stream().map(BenchmarkPhotos::read).toList();
    }

    /** Every photo of {@code detection/large}, then the multi-face photos that exist. */
    static List<Photo> largeAndMultiFace(Path data) {
        List<Path> paths = new ArrayList<>(list(data.resolve("detection/large")));
        MULTI_FACE.stream()
                .map(name -> data.resolve("detection/multi-face").resolve(name))
                .filter(Files::isRegularFile)
                .forEach(paths::add);
        return paths.stream().map(BenchmarkPhotos::read).toList();
    }

    static <T> List<T> evenlySpaced(List<T> items, int n) {
        if (n >= items.size()) {
            return List.copyOf(items);
        }
        List<T> sample = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sample.add(items.get((int) ((long) i * items.size() / n)));
        }
        return sample;
    }

    private static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + " is not a directory: is --data the shared data folder?");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName()
                            .toString()
                            .toLowerCase(java.util.Locale.ROOT)
                            .endsWith(".jpg"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Photo read(Path path) {
        try {
            return new Photo(path.getFileName().toString(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
