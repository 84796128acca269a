package dev.facerec.ml.index;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * 16 codes are sign-extended to shorts and multiplied with the pre-widened query; two such products are summed in
 * shorts (no overflow, see {@link Int8Dot}) and the pairs are folded into ints with shifts, which the JIT turns into
 * cheaper instructions than the Vector API's lane-crossing short-to-int conversion (20 ms against 32 ms for 500k
 * rows of 512 codes on one AVX2 core; the scalar loop took 160 ms).
 */
final class VectorInt8Dot implements Int8Dot {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final int STEP = 2 * BYTES.length();

    @Override
    public int dot(byte[] codes, int offset, short[] query) {
        IntVector sums = IntVector.zero(INTS);
        int bound = query.length - query.length % STEP;
        int i = 0;
        for (; i < bound; i += STEP) {
            ShortVector low = widen(codes, offset + i).mul(ShortVector.fromArray(SHORTS, query, i));
            ShortVector high = widen(codes, offset + i + BYTES.length())
                    .mul(ShortVector.fromArray(SHORTS, query, i + BYTES.length()));
            IntVector pairs = low.add(high).reinterpretAsInts();
            sums = sums.add(pairs.lanewise(VectorOperators.ASHR, 16))
                    .add(pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
        }
        int sum = sums.reduceLanes(VectorOperators.ADD);
        for (; i < query.length; i++) {
            sum += codes[offset + i] * query[i];
        }
        return sum;
    }

    private static ShortVector widen(byte[] codes, int offset) {
        return (ShortVector) ByteVector.fromArray(BYTES, codes, offset).castShape(SHORTS, 0);
    }

    @Override
    public String toString() {
        return "Vector API " + SHORTS.vectorBitSize() + "-bit";
    }
}
