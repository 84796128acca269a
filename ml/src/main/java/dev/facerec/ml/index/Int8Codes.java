package dev.facerec.ml.index;

import java.util.Arrays;

/**
 * The scan's view of the faces: each unit vector quantised to int8 with its own symmetric scale (largest component
 * maps to 127). A per-vector scale keeps the full 8 bits for every face; unit vectors' components are small and
 * vary in range from face to face, so a global scale would waste most of the code space.
 */
final class Int8Codes {
    private final int dimension;
    private byte[][] chunks = new byte[0][];
    private float[] scales = new float[0];

    Int8Codes(int dimension) {
        this.dimension = dimension;
    }

    /** Quantises {@code vector} into {@code codes} and returns the scale (code times scale approximates the value). */
    static float quantise(float[] vector, byte[] codes) {
        float largest = 0;
        for (float value : vector) {
            largest = Math.max(largest, Math.abs(value));
        }
        float scale = largest / 127f;
        for (int i = 0; i < vector.length; i++) {
            codes[i] = (byte) Math.max(-127, Math.min(127, Math.round(vector[i] / scale)));
        }
        return scale;
    }

    /** The query widened to shorts for {@link Int8Dot}; its scale is dropped since it does not change the order. */
    static short[] quantiseQuery(float[] vector) {
        byte[] codes = new byte[vector.length];
        quantise(vector, codes);
        short[] widened = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            widened[i] = codes[i];
        }
        return widened;
    }

    void set(int row, float[] vector) {
        ensureCapacity(row);
        byte[] codes = new byte[dimension];
        scales[row] = quantise(vector, codes);
        System.arraycopy(codes, 0, chunks[Chunks.chunk(row)], Chunks.slot(row) * dimension, dimension);
    }

    void move(int from, int to) {
        System.arraycopy(
                chunks[Chunks.chunk(from)],
                Chunks.slot(from) * dimension,
                chunks[Chunks.chunk(to)],
                Chunks.slot(to) * dimension,
                dimension);
        scales[to] = scales[from];
    }

    /** Approximate similarity up to the query's constant scale: enough to rank rows. */
    float score(int row, short[] query, Int8Dot kernel) {
        return scales[row] * kernel.dot(chunks[Chunks.chunk(row)], Chunks.slot(row) * dimension, query);
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
        chunks = Chunks.ensureRow(chunks, row, dimension, byte[]::new);
    }
}
