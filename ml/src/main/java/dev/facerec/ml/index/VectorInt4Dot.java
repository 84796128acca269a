package dev.facerec.ml.index;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One block of 64 components is one 256-bit load seen as 16 shorts; each nibble is brought to the top of its short
 * and shifted down arithmetically (sign-extended), giving 16 consecutive components that multiply 16 consecutive query
 * values. Products are summed in shorts for eight blocks (see {@link Int4Dot} for why that cannot overflow), then the
 * short pairs are folded into ints with shifts, which the JIT turns into cheaper instructions than the Vector API's
 * lane-crossing conversion.
 */
final class VectorInt4Dot implements Int4Dot {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_256;
    private static final int BLOCKS_PER_FOLD = 8;

    @Override
    public int dot(byte[] codes, int offset, short[] query) {
        int blocks = query.length / Int4Codes.BLOCK_DIMS;
        int sum = 0;
        ShortVector sums = ShortVector.zero(SHORTS);
        for (int block = 0; block < blocks; block++) {
            ShortVector lanes = ByteVector.fromArray(BYTES, codes, offset + block * Int4Codes.BLOCK_BYTES)
                    .reinterpretAsShorts();
            int q = block * Int4Codes.BLOCK_DIMS;
            sums = sums.add(nibble(lanes, 12).mul(ShortVector.fromArray(SHORTS, query, q)))
                    .add(nibble(lanes, 8).mul(ShortVector.fromArray(SHORTS, query, q + 16)))
                    .add(nibble(lanes, 4).mul(ShortVector.fromArray(SHORTS, query, q + 32)))
                    .add(lanes.lanewise(VectorOperators.ASHR, 12).mul(ShortVector.fromArray(SHORTS, query, q + 48)));
            if (block % BLOCKS_PER_FOLD == BLOCKS_PER_FOLD - 1) {
                sum += fold(sums);
                sums = ShortVector.zero(SHORTS);
            }
        }
        return sum + fold(sums);
    }

    /** The nibble that a left shift by {@code up} brings to the top, sign-extended. */
    private static ShortVector nibble(ShortVector lanes, int up) {
        return lanes.lanewise(VectorOperators.LSHL, up).lanewise(VectorOperators.ASHR, 12);
    }

    private static int fold(ShortVector sums) {
        IntVector pairs = sums.reinterpretAsInts();
        return pairs.lanewise(VectorOperators.ASHR, 16)
                .add(pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
                .reduceLanes(VectorOperators.ADD);
    }

    @Override
    public String toString() {
        return "Vector API " + SHORTS.vectorBitSize() + "-bit";
    }
}
