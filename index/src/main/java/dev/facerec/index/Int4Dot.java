package dev.facerec.index;

/**
 * Dot product of one stored row of {@link Int4Codes} with an {@link Int4Query}: the sum of {@code query × code} over
 * the signed codes. Kernels multiply the stored nibbles (code + 8, at most 15) and subtract the query's bias. A query
 * value is at most 127 in size, so a product is at most 1,905; the vectorised kernel gives each of two short
 * accumulators two products a block, 16 in eight blocks, at most 30,480, and widens to ints every eight blocks.
 */
interface Int4Dot {
    int dot(byte[] codes, int offset, Int4Query query);

    /** The row layout this kernel reads: codes and queries must be laid out with it. */
    Int4Layout layout();

    /**
     * The Vector API kernel when the incubator module was added to the JVM ({@code --add-modules
     * jdk.incubator.vector}), 512 bits wide where the JIT compiles 512-bit vectors (AVX-512) and 256 bits otherwise;
     * else the scalar loop, so that a launch without the flag still works, only slower.
     */
    static Int4Dot best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarInt4Dot(Int4Layout.LANES_16);
        }
        return VectorInt4Dot.widest();
    }
}
