package dev.facerec.tools.eval;

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
 * Embeds one face of every image of a data set through the product's own pipeline (decode, detect, align,
 * embed), a few images at a time so that decoding overlaps inference. Images without a detectable face map to
 * empty, and are counted.
 */
final class DatasetEmbedder {
    private final FaceEngine engine;
    private final int workers;
    private final FaceChoice choice;

    DatasetEmbedder(FaceEngine engine, int workers, FaceChoice choice) {
        this.engine = engine;
        this.workers = workers;
        this.choice = choice;
    }

    /** Which face of an image stands for its label. */
    enum FaceChoice {
        /** The face nearest the image centre: LFW's convention (its photos are centred on the named person). */
        CENTRE,
        /** The largest face: what {@code POST /api/v1/faces/compare} uses. */
        LARGEST;

        Comparator<DetectedFace> order(DecodedImage image) {
            return switch (this) {
                case CENTRE -> Comparator.comparingDouble(face -> -distanceToCentre(face, image));
                case LARGEST -> Comparator.comparingDouble(face -> face.box().area());
            };
        }

        private static double distanceToCentre(DetectedFace face, DecodedImage image) {
            double x = face.box().x() + face.box().width() / 2 - image.width() / 2.0;
            double y = face.box().y() + face.box().height() / 2 - image.height() / 2.0;
            return Math.hypot(x, y);
        }
    }

    /**
     * Every image's embedding, from {@link EmbeddingCache} when {@code FACEREC_EVAL_CACHE} names a folder that holds
     * this data set embedded by the same detector, recognizer and face choice; otherwise computed (and saved there).
     */
    Map<Path, Optional<Embedding>> embed(List<Path> images) throws InterruptedException {
        Optional<EmbeddingCache> cache = EmbeddingCache.fromEnvironment(
                images, engine.detector().modelId(), engine.embedder().model().id(), choice.name());
        Optional<Map<Path, Optional<Embedding>>> cached = cache.flatMap(EmbeddingCache::load);
        if (cached.isPresent()) {
            return cached.get();
        }
        Map<Path, Optional<Embedding>> result = compute(images);
        cache.ifPresent(file -> file.save(result));
        return result;
    }

    private Map<Path, Optional<Embedding>> compute(List<Path> images) throws InterruptedException {
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
            Optional<DetectedFace> chosen =
                    engine.detector().detect(image).stream().max(choice.order(image));
            return chosen.map(
                    face -> engine.embedder().embed(image, List.of(face)).getFirst());
        } catch (FaceException e) {
            System.err.println("skipped " + path + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
