package dev.facerec.ml.index;

/**
 * Dot product of one stored int8 code with a query widened to shorts. Codes and query components lie in [-127, 127],
 * so a product fits in 15 bits and two of them in a short, which the vectorised kernel relies on.
 */
interface Int8Dot {
    int dot(byte[] codes, int offset, short[] query);

    /**
     * The Vector API kernel when the incubator module was added to the JVM ({@code --add-modules
     * jdk.incubator.vector}), which measured about 5x faster than the scalar loop on AVX2; else the scalar loop, so
     * that a launch without the flag still works, only slower.
     */
    static Int8Dot best() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                ? new VectorInt8Dot()
                : new ScalarInt8Dot();
    }
}
