package dev.facerec.index;

import java.util.Arrays;

/** Float32 vectors in chunked heap arrays: 2 KiB a face at 512-d, the right place for small and mid-size galleries. */
final class HeapVectors implements ExactVectors {
    private final int dimension;
    private float[][] chunks = new float[0][];

    HeapVectors(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public void set(int row, float[] vector) {
        ensureCapacity(row);
        System.arraycopy(vector, 0, chunks[Chunks.chunk(row)], Chunks.slot(row) * dimension, dimension);
    }

    @Override
    public float[] get(int row) {
        int offset = Chunks.slot(row) * dimension;
        return Arrays.copyOfRange(chunks[Chunks.chunk(row)], offset, offset + dimension);
    }

    @Override
    public void move(int from, int to) {
        System.arraycopy(
                chunks[Chunks.chunk(from)],
                Chunks.slot(from) * dimension,
                chunks[Chunks.chunk(to)],
                Chunks.slot(to) * dimension,
                dimension);
    }

    @Override
    public long heapBytes() {
        long bytes = 0;
        for (float[] chunk : chunks) {
            bytes += (long) chunk.length * Float.BYTES;
        }
        return bytes;
    }

    @Override
    public long mappedBytes() {
        return 0;
    }

    @Override
    public void close() {
        chunks = new float[0][];
    }

    private void ensureCapacity(int row) {
        chunks = Chunks.ensureRow(chunks, row, dimension, float[]::new);
    }
}
