package dev.facerec.tools.eval;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceException;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.embed.FusedFaceEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 *
 * <p>A fused recognizer is embedded member by member, each member's embeddings cached as if that member ran alone,
 * and composed with {@link FusedFaceEmbedder#fuse}, what the fused embedder itself does: evaluating a fusion reuses
 * its members' caches (and fills them), and gives the figures of the fused pack.
 */
final class DatasetEmbedder {
    private final FaceEngine engine;
    private final int workers;
    private final FaceChoice choice;
    private final Variant variant;
    private final Optional<Path> cacheFolder;

    DatasetEmbedder(FaceEngine engine, int workers, FaceChoice choice) {
        this(engine, workers, choice, Variant.AS_SHIPPED);
    }

    DatasetEmbedder(FaceEngine engine, int workers, FaceChoice choice, Variant variant) {
        this(engine, workers, choice, variant, EmbeddingCache.folderFromEnvironment());
    }

    /** @param cacheFolder where {@link EmbeddingCache} files are read and written; empty: nowhere */
    DatasetEmbedder(FaceEngine engine, int workers, FaceChoice choice, Variant variant, Optional<Path> cacheFolder) {
        this.engine = requireNonNull(engine, "engine is null");
        this.workers = workers;
        this.choice = requireNonNull(choice, "choice is null");
        this.variant = requireNonNull(variant, "variant is null");
        this.cacheFolder = requireNonNull(cacheFolder, "cacheFolder is null");
    }

    /**
     * What is evaluated instead of the pack as shipped, to choose how a fusion is made.
     *
     * @param weights a fused pack's member weights instead of its manifest's ({@code null}: the manifest's)
     * @param mirrored each model's embedding of the face's mirror image, added to its own before normalising
     *     (horizontal-flip test-time augmentation); {@code null}: none
     */
    record Variant(float[] weights, MirroredFaces mirrored) {
        static final Variant AS_SHIPPED = new Variant(null, null);

        String describe() {
            return (weights == null ? "" : " weights=" + java.util.Arrays.toString(weights))
                    + (mirrored == null ? "" : " flip=mirrored crop added per model");
        }
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

    /** One cached stream of embeddings: a model's own, or its embeddings of the mirrored face. */
    private record Part(String cacheId, FaceEmbedder model, boolean mirror) {}

    /**
     * Every image's embedding. Each model's embeddings come from {@link EmbeddingCache} when {@code
     * FACEREC_EVAL_CACHE} names a folder that holds this data set embedded by the same detector, model and face
     * choice; the models without one are computed together (each image decoded and detected once) and saved there.
     */
    Map<Path, Optional<Embedding>> embed(List<Path> images) throws InterruptedException {
        FaceEmbedder embedder = engine.embedder();
        List<FaceEmbedder> models = embedder instanceof FusedFaceEmbedder fused ? fused.members() : List.of(embedder);
        List<Part> parts = new ArrayList<>();
        for (FaceEmbedder model : models) {
            parts.add(new Part(model.model().id(), model, false));
            if (variant.mirrored() != null) {
                parts.add(new Part(model.model().id() + "-mirrored", model, true));
            }
        }
        List<Map<Path, Optional<Embedding>>> byPart = partEmbeddings(images, parts);
        Map<Path, Optional<Embedding>> result = new HashMap<>();
        for (Path image : images) {
            result.put(image, compose(image, embedder, byPart));
        }
        return result;
    }

    private List<Map<Path, Optional<Embedding>>> partEmbeddings(List<Path> images, List<Part> parts)
            throws InterruptedException {
        String detector = engine.detector().modelId();
        List<Map<Path, Optional<Embedding>>> byPart = new ArrayList<>();
        List<Optional<EmbeddingCache>> caches = new ArrayList<>();
        List<Part> missing = new ArrayList<>();
        for (Part part : parts) {
            Optional<EmbeddingCache> cache = cacheFolder.map(
                    folder -> EmbeddingCache.in(folder, images, detector, part.cacheId(), choice.name()));
            caches.add(cache);
            Map<Path, Optional<Embedding>> cached =
                    cache.flatMap(EmbeddingCache::load).orElse(null);
            byPart.add(cached);
            if (cached == null) {
                missing.add(part);
            }
        }
        if (!missing.isEmpty()) {
            List<Map<Path, Optional<Embedding>>> computed = compute(images, missing);
            for (int i = 0, m = 0; i < parts.size(); i++) {
                if (byPart.get(i) == null) {
                    Map<Path, Optional<Embedding>> part = computed.get(m++);
                    byPart.set(i, part);
                    caches.get(i).ifPresent(file -> file.save(part));
                }
            }
        }
        return byPart;
    }

    /** The embedding the engine's embedder gives for {@code image}, from its parts. */
    private Optional<Embedding> compose(
            Path image, FaceEmbedder embedder, List<Map<Path, Optional<Embedding>>> byPart) {
        int perModel = variant.mirrored() == null ? 1 : 2;
        List<Embedding> models = new ArrayList<>();
        for (int i = 0; i < byPart.size(); i += perModel) {
            Optional<Embedding> own = byPart.get(i).get(image);
            if (own == null || own.isEmpty()) {
                return Optional.empty();
            }
            models.add(
                    perModel == 1
                            ? own.get()
                            : MirroredFaces.combine(own.get(), byPart.get(i + 1).get(image)));
        }
        if (!(embedder instanceof FusedFaceEmbedder fused)) {
            return Optional.of(models.getFirst());
        }
        float[] weights = variant.weights() == null ? fused.weights() : variant.weights();
        return Optional.of(FusedFaceEmbedder.fuse(fused.model().id(), models, weights));
    }

    private List<Map<Path, Optional<Embedding>>> compute(List<Path> images, List<Part> parts)
            throws InterruptedException {
        List<Map<Path, Optional<Embedding>>> result = new ArrayList<>();
        parts.forEach(part -> result.add(new ConcurrentHashMap<>()));
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> futures = images.stream()
                    .map(path -> pool.submit(() -> {
                        List<Optional<Embedding>> embedded = embedOne(path, parts);
                        for (int i = 0; i < parts.size(); i++) {
                            result.get(i).put(path, embedded.get(i));
                        }
                        int count = done.incrementAndGet();
                        if (count % 1000 == 0 || count == images.size()) {
                            double seconds = (System.nanoTime() - started) / 1e9;
                            System.err.printf(
                                    "embedded %d/%d images with %s (%.1f images/s)%n",
                                    count,
                                    images.size(),
                                    parts.stream().map(Part::cacheId).toList(),
                                    count / seconds);
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

    /** Decodes and detects once, then embeds the chosen face with every part. */
    private List<Optional<Embedding>> embedOne(Path path, List<Part> parts) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Optional<Embedding>> embedded = new ArrayList<>();
        try {
            DecodedImage image = engine.decoder().decode(bytes);
            Optional<DetectedFace> chosen =
                    engine.detector().detect(image).stream().max(choice.order(image));
            for (Part part : parts) {
                embedded.add(chosen.map(face -> part.mirror()
                        ? variant.mirrored().embed(part.model(), image, face)
                        : part.model().embed(image, List.of(face)).getFirst()));
            }
        } catch (FaceException e) {
            System.err.println("skipped " + path + ": " + e.getMessage());
            embedded.clear();
            parts.forEach(part -> embedded.add(Optional.empty()));
        }
        return embedded;
    }
}
