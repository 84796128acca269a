package dev.facerec.ml.cli;

import dev.facerec.core.FaceException;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embeds the largest face of every image of a data set through the product's own pipeline (decode, detect, align,
 * embed), a few images at a time so that decoding overlaps inference. Images without a detectable face map to
 * empty, and are counted.
 */
final class DatasetEmbedder {
    private final FaceEngine engine;
    private final int workers;

    DatasetEmbedder(FaceEngine engine, int workers) {
        this.engine = engine;
        this.workers = workers;
    }

    Map<Path, Optional<Embedding>> embed(List<Path> images) throws InterruptedException {
        Map<Path, Optional<Embedding>> result = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> futures = images.stream()
                    .map(path -> pool.submit(() -> {
                        result.put(path, embedOne(path));
                        int count = done.incrementAndGet();
                        if (count % 1000 == 0 || count == images.size()) {
                            double seconds = (System.nanoTime() - started) / 1e9;
                            System.err.printf(
                                    "embedded %d/%d images (%.0f images/s)%n", count, images.size(), count / seconds);
                        }
                    }))
                    .<Future<?>>map(f -> f)
                    .toList();
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("embedding failed", e.getCause());
                }
            }
        }
        return result;
    }

    private Optional<Embedding> embedOne(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DecodedImage image = engine.decoder().decode(bytes);
            Optional<DetectedFace> largest = engine.detector().detect(image).stream()
                    .max(Comparator.comparingDouble(face -> face.box().area()));
            return largest.map(
                    face -> engine.embedder().embed(image, List.of(face)).getFirst());
        } catch (FaceException e) {
            System.err.println("skipped " + path + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
