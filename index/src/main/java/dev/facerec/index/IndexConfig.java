package dev.facerec.index;

import java.nio.file.Path;

/**
 * Tuning of {@link InMemoryGalleryIndex}.
 *
 * @param rerankDepth how many faces the 4-bit scan hands to the exact float32 re-rank; more costs little (a few
 *     microseconds each) and makes a differing top-1 rarer still
 * @param parallelThreshold partitions with at least this many faces are scanned on all {@code scanThreads}; smaller
 *     ones on the caller's thread, where handing work to another thread costs more than it saves
 * @param scanThreads threads that scan one large partition together, the caller's included
 * @param heapVectorLimit a partition keeps its float32 vectors on the heap up to this many faces, then moves them to
 *     a memory-mapped file in {@code vectorDirectory}; {@link Integer#MAX_VALUE} keeps them on the heap always
 * @param vectorDirectory where the mapped vector files go (a local disk, not tmpfs, or they cost RAM all the same)
 */
public record IndexConfig(
        int rerankDepth, int parallelThreshold, int scanThreads, int heapVectorLimit, Path vectorDirectory) {
    public IndexConfig {
        if (rerankDepth < 1 || parallelThreshold < 1 || scanThreads < 1 || heapVectorLimit < 1) {
            throw new IllegalArgumentException(
                    "rerankDepth, parallelThreshold, scanThreads and heapVectorLimit" + " must be positive");
        }
        if (heapVectorLimit != Integer.MAX_VALUE && vectorDirectory == null) {
            throw new IllegalArgumentException("a heapVectorLimit needs a vectorDirectory to move vectors to");
        }
    }

    /**
     * Re-rank depth 128, a parallel scan from 20,000 faces on every core, float32 on the heap up to 100,000 faces a
     * partition (200 MB at 512-d) and mapped files in the JVM's temporary directory beyond.
     */
    public static IndexConfig defaults() {
        return new IndexConfig(
                128,
                20_000,
                Runtime.getRuntime().availableProcessors(),
                100_000,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Every vector on the heap: the fastest and simplest, at 2 KiB a 512-d face more. */
    public IndexConfig withVectorsOnHeap() {
        return new IndexConfig(rerankDepth, parallelThreshold, scanThreads, Integer.MAX_VALUE, null);
    }

    public IndexConfig withHeapVectorLimit(int limit, Path directory) {
        return new IndexConfig(rerankDepth, parallelThreshold, scanThreads, limit, directory);
    }

    public IndexConfig withRerankDepth(int depth) {
        return new IndexConfig(depth, parallelThreshold, scanThreads, heapVectorLimit, vectorDirectory);
    }

    public IndexConfig withScan(int threshold, int threads) {
        return new IndexConfig(rerankDepth, threshold, threads, heapVectorLimit, vectorDirectory);
    }
}
