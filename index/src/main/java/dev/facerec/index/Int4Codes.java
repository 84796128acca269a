package dev.facerec.index;

import java.util.Arrays;

/**
 * The scan's view of the faces: each unit vector quantised to 4 bits a component, in [-7, 7], with its own symmetric
 * scale (the largest component maps to 7). Half the bytes of int8 codes: out of cache the int8 scan waited on
 * memory (28 ns a row in cache, about 44 out of it), and with 4-bit codes 1M faces on 2 cores took 10-20% less time
 * and half the heap ({@code make bench-identify}, back to back with the int8 index). The exact float32 re-rank of the
 * best candidates removes the coarser codes' error from the answer.
 *
 * <p>The layout follows the kernel's vector width ({@link Int4Layout}). A nibble holds the code plus {@value
 * #CODE_OFFSET} (1 to 15), so the kernel takes each nibble out with one logical shift and one mask; {@link
 * Int4Query#bias()} takes the offset back out. Sign-extending nibbles instead takes two shifts each and ran the scan a
 * quarter slower on this project's AMD EPYC machine (about 30 against 23 ns a row in cache).
 */
final class Int4Codes {
    static final int LIMIT = 7;
    static final int CODE_OFFSET = 8;

    private final int dimension;
    private final Int4Layout layout;
    private final int rowBytes;
    private byte[][] chunks = new byte[0][];
    private float[] scales = new float[0];

    Int4Codes(int dimension, Int4Layout layout) {
        this.dimension = dimension;
        this.layout = layout;
        this.rowBytes = layout.rowBytes(dimension);
    }

    /**
     * Quantises {@code vector} into {@code codes} (zeroed, {@code layout.rowBytes(length)} bytes) and returns the
     * scale: a code times the scale approximates the component.
     */
    static float quantise(float[] vector, byte[] codes, Int4Layout layout) {
        float largest = 0;
        for (float value : vector) {
            largest = Math.max(largest, Math.abs(value));
        }
        if (largest == 0) {
            return 0;
        }
        float scale = largest / LIMIT;
        for (int i = 0; i < vector.length; i++) {
            int code = Math.max(-LIMIT, Math.min(LIMIT, Math.round(vector[i] / scale)));
            codes[layout.byteOf(i)] |= (byte) ((code + CODE_OFFSET) << layout.shiftOf(i));
        }
        return scale;
    }

    /**
     * The query as int8 values widened to shorts and padded to whole blocks for {@link Int4Dot}; its scale is dropped
     * since it does not change the order.
     */
    static Int4Query quantiseQuery(float[] vector, Int4Layout layout) {
        float largest = 0;
        for (float value : vector) {
            largest = Math.max(largest, Math.abs(value));
        }
        short[] query = new short[layout.paddedDims(vector.length)];
        if (largest != 0) {
            float scale = largest / 127f;
            for (int i = 0; i < vector.length; i++) {
                query[i] = (short) Math.max(-127, Math.min(127, Math.round(vector[i] / scale)));
            }
        }
        return Int4Query.of(query);
    }

    void set(int row, float[] vector) {
        ensureCapacity(row);
        byte[] codes = new byte[rowBytes];
        scales[row] = quantise(vector, codes, layout);
        System.arraycopy(codes, 0, chunks[Chunks.chunk(row)], Chunks.slot(row) * rowBytes, rowBytes);
    }

    void move(int from, int to) {
        System.arraycopy(
                chunks[Chunks.chunk(from)],
                Chunks.slot(from) * rowBytes,
                chunks[Chunks.chunk(to)],
                Chunks.slot(to) * rowBytes,
                rowBytes);
        scales[to] = scales[from];
    }

    /**
     * Offers rows {@code from} to {@code to} (exclusive) to {@code best} with their {@link #score}s, walking each
     * chunk's bytes in order rather than looking every row up.
     */
    void scoreInto(TopRows best, int from, int to, Int4Query query, Int4Dot kernel) {
        int row = from;
        while (row < to) {
            int chunk = Chunks.chunk(row);
            byte[] bytes = chunks[chunk];
            int end = (int) Math.min(to, ((long) chunk + 1) << Chunks.SHIFT);
            for (int offset = Chunks.slot(row) * rowBytes; row < end; row++, offset += rowBytes) {
                best.offer(row, scales[row] * kernel.dot(bytes, offset, query));
            }
        }
    }

    /** Approximate similarity up to the query's constant scale: enough to rank rows. */
    float score(int row, Int4Query query, Int4Dot kernel) {
        return scales[row] * kernel.dot(chunks[Chunks.chunk(row)], Chunks.slot(row) * rowBytes, query);
    }

    int dimension() {
        return dimension;
    }

    long bytes() {
        long bytes = (long) scales.length * Float.BYTES;
        for (byte[] chunk : chunks) {
            bytes += chunk.length;
        }
        return bytes;
    }

    private void ensureCapacity(int row) {
        if (row >= scales.length) {
            scales = Arrays.copyOf(scales, Math.max(row + 1, scales.length + (scales.length >> 1) + 16));
        }
        chunks = Chunks.ensureRow(chunks, row, rowBytes, byte[]::new);
    }
}
