package dev.facerec.ml.index;

/**
 * Dot product of one stored row of {@link Int4Codes} with a query of int8 values widened to shorts and padded to
 * whole blocks. A code is at most 7 and a query value at most 127 in size, so the four products a short lane gathers
 * per block sum to at most 3,556 and eight blocks to 28,448: the vectorised kernel sums eight blocks in shorts before
 * it widens to ints.
 */
interface Int4Dot {
    int dot(byte[] codes, int offset, short[] query);

    /**
     * The Vector API kernel when the incubator module was added to the JVM ({@code --add-modules
     * jdk.incubator.vector}); else the scalar loop, so that a launch without the flag still works, only slower.
     */
    static Int4Dot best() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                ? new VectorInt4Dot()
                : new ScalarInt4Dot();
    }
}
