package dev.facerec.index;

import dev.facerec.core.index.GalleryIndex.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The faces of one gallery and model. A search scans the 4-bit codes for the best {@code rerankDepth} faces, then
 * scores those with their float32 vectors, so the similarities it reports are exact and only the choice of candidates
 * is approximate. Searches share a read lock; additions and removals take the write lock for microseconds.
 */
final class Partition {
    private static final Comparator<Candidate> BEST_FIRST =
            Comparator.comparingDouble(Candidate::similarity).reversed();

    /** Slices a large scan is cut into per scan thread (see {@link #scan}). */
    private static final int SLICES_PER_THREAD = 16;

    private final int dimension;
    private final IndexConfig config;
    private final Int4Dot kernel;
    private final Executor scanners;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final FaceRows rows = new FaceRows();
    private final Int4Codes codes;
    private ExactVectors exact;
    private boolean closed;

    Partition(int dimension, IndexConfig config, Int4Dot kernel, Executor scanners) {
        this.dimension = dimension;
        this.config = config;
        this.kernel = kernel;
        this.scanners = scanners;
        this.codes = new Int4Codes(dimension, kernel.layout());
        this.exact = new HeapVectors(dimension);
    }

    int dimension() {
        return dimension;
    }

    /** Adds or replaces the face; false if the partition was closed meanwhile (its gallery was dropped). */
    boolean add(UUID personId, UUID faceId, float[] vector) {
        lock.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            int row = rows.find(faceId);
            if (row < 0) {
                row = rows.append(faceId, personId);
            } else {
                rows.setPerson(row, personId);
            }
            codes.set(row, vector);
            exact.set(row, vector);
            if (rows.size() > config.heapVectorLimit() && exact instanceof HeapVectors) {
                spill();
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    boolean remove(UUID faceId) {
        lock.writeLock().lock();
        try {
            int row = closed ? -1 : rows.find(faceId);
            if (row < 0) {
                return false;
            }
            int moved = rows.removeRow(row);
            if (moved >= 0) {
                codes.move(moved, row);
                exact.move(moved, row);
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    List<Candidate> search(float[] query, int limit) {
        lock.readLock().lock();
        try {
            int size = closed ? 0 : rows.size();
            if (size == 0) {
                return List.of();
            }
            Int4Query quantised = Int4Codes.quantiseQuery(query, kernel.layout());
            int depth = Math.min(size, Math.max(config.rerankDepth(), limit));
            while (true) {
                List<Candidate> persons = rerank(scan(quantised, size, depth), query);
                // Faces of a few persons may fill the candidates; look deeper until enough persons turn up.
                if (persons.size() >= limit || depth == size) {
                    return persons.size() > limit ? List.copyOf(persons.subList(0, limit)) : persons;
                }
                depth = (int) Math.min(size, 4L * depth);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return rows.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    long heapBytes() {
        lock.readLock().lock();
        try {
            return rows.bytes() + codes.bytes() + exact.heapBytes();
        } finally {
            lock.readLock().unlock();
        }
    }

    long mappedBytes() {
        lock.readLock().lock();
        try {
            return exact.mappedBytes();
        } finally {
            lock.readLock().unlock();
        }
    }

    void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            exact.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The best {@code depth} rows by code score. A large partition is cut into {@link #SLICES_PER_THREAD} slices per
     * scan thread, which the calling thread and the helpers take in turn until none is left: a helper that starts
     * late, or a core taken by something else for a moment, then costs a slice's time rather than half the scan.
     */
    private TopRows scan(Int4Query query, int size, int depth) {
        int threads = size >= config.parallelThreshold() ? config.scanThreads() : 1;
        if (threads == 1) {
            return scanRange(query, 0, size, depth);
        }
        int slices = threads * SLICES_PER_THREAD;
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<TopRows>> helpers = new ArrayList<>();
        for (int helper = 1; helper < threads; helper++) {
            helpers.add(CompletableFuture.supplyAsync(() -> scanSlices(query, size, depth, slices, next), scanners));
        }
        TopRows best = scanSlices(query, size, depth, slices, next);
        helpers.forEach(helper -> best.addAll(helper.join()));
        return best;
    }

    private TopRows scanSlices(Int4Query query, int size, int depth, int slices, AtomicInteger next) {
        TopRows best = new TopRows(depth);
        for (int slice = next.getAndIncrement(); slice < slices; slice = next.getAndIncrement()) {
            int from = (int) ((long) size * slice / slices);
            int to = (int) ((long) size * (slice + 1) / slices);
            scanInto(best, query, from, to);
        }
        return best;
    }

    private TopRows scanRange(Int4Query query, int from, int to, int depth) {
        TopRows best = new TopRows(depth);
        scanInto(best, query, from, to);
        return best;
    }

    private void scanInto(TopRows best, Int4Query query, int from, int to) {
        codes.scoreInto(best, from, to, query, kernel);
    }

    private List<Candidate> rerank(TopRows candidates, float[] query) {
        Map<UUID, Candidate> bestByPerson = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            int row = candidates.row(i);
            float similarity = ExactVectors.similarity(exact.get(row), query);
            UUID personId = rows.personId(row);
            Candidate known = bestByPerson.get(personId);
            if (known == null || similarity > known.similarity()) {
                bestByPerson.put(personId, new Candidate(personId, rows.faceId(row), similarity));
            }
        }
        List<Candidate> persons = new ArrayList<>(bestByPerson.values());
        persons.sort(BEST_FIRST);
        return persons;
    }

    private void spill() {
        ExactVectors mapped = new MappedVectors(config.vectorDirectory(), dimension);
        for (int row = 0; row < rows.size(); row++) {
            mapped.set(row, exact.get(row));
        }
        exact.close();
        exact = mapped;
    }
}
