package dev.facerec.index;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.index.GalleryIndex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GalleryIndex} held in memory: one {@link Partition} per gallery and model, scanned exhaustively over 4-bit
 * codes with an exact float32 re-rank of the best candidates. Memory per 512-d face: 256 bytes of codes, 36 of ids,
 * scale and lookup, plus the 2 KiB float32 vector on the heap in partitions up to {@link
 * IndexConfig#heapVectorLimit()} faces and in a mapped file beyond. Close it to release the scan threads and files.
 */
public final class InMemoryGalleryIndex implements GalleryIndex, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryGalleryIndex.class);

    private final IndexConfig config;
    private final Int4Dot kernel;
    private final ExecutorService scanners;
    private final Map<UUID, Map<String, Partition>> galleries = new ConcurrentHashMap<>();

    public InMemoryGalleryIndex(IndexConfig config) {
        this(config, Int4Dot.best());
    }

    InMemoryGalleryIndex(IndexConfig config, Int4Dot kernel) {
        this.config = requireNonNull(config, "config is null");
        this.kernel = requireNonNull(kernel, "kernel is null");
        this.scanners = Executors.newFixedThreadPool(
                Math.max(1, config.scanThreads() - 1),
                Thread.ofPlatform().name("gallery-scan-", 0).daemon().factory());
        LOG.info("Gallery index: {} 4-bit kernel, {}", kernel, config);
    }

    @Override
    public void add(UUID galleryId, UUID personId, UUID faceId, Embedding embedding) {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(personId, "personId is null");
        requireNonNull(faceId, "faceId is null");
        requireNonNull(embedding, "embedding is null");
        float[] vector = embedding.vector();
        while (true) {
            Map<String, Partition> models = galleries.computeIfAbsent(galleryId, id -> new ConcurrentHashMap<>());
            Partition partition = models.computeIfAbsent(
                    embedding.modelId(), model -> new Partition(vector.length, config, kernel, scanners));
            if (partition.dimension() != vector.length) {
                throw new IllegalArgumentException("model " + embedding.modelId() + " has " + partition.dimension()
                        + "-d embeddings in this index, not " + vector.length + "-d");
            }
            // A face re-embedded by another model replaces its old entry: a face id lives in one partition.
            models.forEach((model, other) -> {
                if (other != partition) {
                    other.remove(faceId);
                }
            });
            if (partition.add(personId, faceId, vector)) {
                return;
            }
            // The gallery was dropped between lookup and add: the add belongs to a gallery created afresh.
            models.remove(embedding.modelId(), partition);
            galleries.remove(galleryId, models);
        }
    }

    @Override
    public boolean remove(UUID galleryId, UUID faceId) {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(faceId, "faceId is null");
        Map<String, Partition> models = galleries.get(galleryId);
        boolean removed = false;
        if (models != null) {
            for (Partition partition : models.values()) {
                removed |= partition.remove(faceId);
            }
        }
        return removed;
    }

    @Override
    public int removeGallery(UUID galleryId) {
        requireNonNull(galleryId, "galleryId is null");
        Map<String, Partition> models = galleries.remove(galleryId);
        int held = 0;
        if (models != null) {
            for (Partition partition : models.values()) {
                held += partition.size();
                partition.close();
            }
        }
        return held;
    }

    @Override
    public List<Candidate> search(UUID galleryId, Embedding query, int limit) {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(query, "query is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Partition partition = galleries.getOrDefault(galleryId, Map.of()).get(query.modelId());
        if (partition == null) {
            return List.of();
        }
        if (partition.dimension() != query.dimension()) {
            throw new IllegalArgumentException("model " + query.modelId() + " has " + partition.dimension()
                    + "-d embeddings in this index, not " + query.dimension() + "-d");
        }
        return partition.search(query.vector(), limit);
    }

    @Override
    public int size(UUID galleryId, String modelId) {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(modelId, "modelId is null");
        Partition partition = galleries.getOrDefault(galleryId, Map.of()).get(modelId);
        return partition == null ? 0 : partition.size();
    }

    @Override
    public Map<UUID, Integer> facesPerGallery() {
        // Partition sizes are counters, so this costs one read per partition, however many faces there are.
        Map<UUID, Integer> sizes = new HashMap<>();
        galleries.forEach((galleryId, models) -> {
            int faces = models.values().stream().mapToInt(Partition::size).sum();
            if (faces > 0) {
                sizes.put(galleryId, faces);
            }
        });
        return sizes;
    }

    /** Heap bytes of every partition: codes, ids, lookup tables and the float32 vectors kept on the heap. */
    @Override
    public long memoryBytes() {
        return partitions().mapToLong(Partition::heapBytes).sum();
    }

    /** Bytes of float32 vectors in mapped files: page cache the kernel may evict, not heap. */
    public long mappedBytes() {
        return partitions().mapToLong(Partition::mappedBytes).sum();
    }

    @Override
    public void close() {
        galleries.keySet().forEach(this::removeGallery);
        scanners.shutdownNow();
    }

    private java.util.stream.Stream<Partition> partitions() {
        return galleries.values().stream().flatMap(models -> models.values().stream());
    }
}
