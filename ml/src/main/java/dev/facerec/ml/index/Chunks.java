package dev.facerec.ml.index;

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
}
