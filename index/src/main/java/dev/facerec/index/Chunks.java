package dev.facerec.index;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Row addressing shared by the chunked stores: rows live in chunks of {@link #ROWS} rows, so that growing a partition
 * of a million faces allocates one more chunk instead of copying hundreds of megabytes. The first chunk alone grows
 * geometrically, so that a gallery of ten faces does not reserve a full chunk.
 */
final class Chunks {
    static final int SHIFT = 16;
    static final int ROWS = 1 << SHIFT;
    static final int MASK = ROWS - 1;
    static final int FIRST_CAPACITY = 64;

    private Chunks() {}

    static int chunk(int row) {
        return row >>> SHIFT;
    }

    static int slot(int row) {
        return row & MASK;
    }

    /** Rows the first chunk should hold to fit {@code row}, doubling until a full chunk. */
    static int grownFirstCapacity(int current, int row) {
        int capacity = Math.max(current, FIRST_CAPACITY);
        while (capacity <= row) {
            capacity *= 2;
        }
        return Math.min(capacity, ROWS);
    }

    /**
     * The chunk array grown so that {@code row} (appended in order) has room: the first chunk grows geometrically,
     * later chunks are added whole. Works for any primitive row array ({@code float[]}, {@code byte[]}).
     */
    static <A> A[] ensureRow(A[] chunks, int row, int dimension, IntFunction<A> newChunk) {
        int chunk = chunk(row);
        if (chunk == 0) {
            int rows = chunks.length == 0 ? 0 : Array.getLength(chunks[0]) / dimension;
            if (row < rows) {
                return chunks;
            }
            A first = newChunk.apply(grownFirstCapacity(rows, row) * dimension);
            A[] grown = chunks.length == 0 ? Arrays.copyOf(chunks, 1) : chunks;
            if (chunks.length > 0) {
                System.arraycopy(chunks[0], 0, first, 0, Array.getLength(chunks[0]));
            }
            grown[0] = first;
            return grown;
        }
        if (chunk < chunks.length) {
            return chunks;
        }
        A[] grown = Arrays.copyOf(chunks, chunk + 1);
        grown[chunk] = newChunk.apply(ROWS * dimension);
        return grown;
    }
}
