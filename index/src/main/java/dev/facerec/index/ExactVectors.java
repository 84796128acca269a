package dev.facerec.index;

/**
 * The float32 vectors the best candidates are re-ranked with, so that reported similarities are exact. Callers hold
 * the partition's lock: implementations are not thread-safe on their own.
 */
interface ExactVectors extends AutoCloseable {
    void set(int row, float[] vector);

    float[] get(int row);

    void move(int from, int to);

    /** Bytes on the Java heap. */
    long heapBytes();

    /** Bytes in a memory-mapped file, resident only as far as the operating system's page cache keeps them. */
    long mappedBytes();

    @Override
    void close();

    /** Cosine of unit vectors computed exactly as {@link dev.facerec.core.face.Embedding#similarity} does. */
    static float similarity(float[] stored, float[] query) {
        double dot = 0;
        for (int i = 0; i < query.length; i++) {
            dot += stored[i] * query[i];
        }
        return (float) Math.max(-1, Math.min(1, dot));
    }
}
