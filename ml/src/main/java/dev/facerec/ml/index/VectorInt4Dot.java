package dev.facerec.ml.index;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One block of 64 components is one 256-bit load seen as 16 shorts; a logical shift and a mask take one nibble out of
 * all 16 (the top nibble needs the shift alone), giving 16 consecutive stored codes that multiply 16 consecutive query
 * values. Products go to two short accumulators, so that consecutive adds do not wait on each other, for eight blocks
 * (see {@link Int4Dot} for why that cannot overflow); then the short pairs are folded into ints with shifts, which the
 * JIT turns into cheaper instructions than the Vector API's lane-crossing conversion.
 */
final class VectorInt4Dot implements Int4Dot {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_256;
    private static final int BLOCKS_PER_FOLD = 8;
    private static final short NIBBLE = 0xF;

    @Override
    public int dot(byte[] codes, int offset, Int4Query query) {
        short[] values = query.values();
        int blocks = values.length / Int4Codes.BLOCK_DIMS;
        int sum = -query.bias();
        ShortVector even = ShortVector.zero(SHORTS);
        ShortVector odd = even;
        for (int block = 0; block < blocks; block++) {
            ShortVector lanes = ByteVector.fromArray(BYTES, codes, offset + block * Int4Codes.BLOCK_BYTES)
                    .reinterpretAsShorts();
            int q = block * Int4Codes.BLOCK_DIMS;
            even = even.add(lanes.and(NIBBLE).mul(ShortVector.fromArray(SHORTS, values, q)));
            odd = odd.add(nibble(lanes, 4).mul(ShortVector.fromArray(SHORTS, values, q + 16)));
            even = even.add(nibble(lanes, 8).mul(ShortVector.fromArray(SHORTS, values, q + 32)));
            odd = odd.add(lanes.lanewise(VectorOperators.LSHR, 12).mul(ShortVector.fromArray(SHORTS, values, q + 48)));
            if (block % BLOCKS_PER_FOLD == BLOCKS_PER_FOLD - 1) {
                sum += fold(even, odd);
                even = ShortVector.zero(SHORTS);
                odd = even;
            }
        }
        return blocks % BLOCKS_PER_FOLD == 0 ? sum : sum + fold(even, odd);
    }

    /** The nibble {@code down} bits up in each short, as a value from 0 to 15. */
    private static ShortVector nibble(ShortVector lanes, int down) {
        return lanes.lanewise(VectorOperators.LSHR, down).and(NIBBLE);
    }

    /** The sum of both accumulators' lanes; each is widened to ints first, as their sum could overflow a short. */
    private static int fold(ShortVector even, ShortVector odd) {
        return widen(even).add(widen(odd)).reduceLanes(VectorOperators.ADD);
    }

    /** Each int lane the sum of its two shorts, sign-extended. */
    private static IntVector widen(ShortVector sums) {
        IntVector pairs = sums.reinterpretAsInts();
        return pairs.lanewise(VectorOperators.ASHR, 16)
                .add(pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
    }

    @Override
    public String toString() {
        return "Vector API " + SHORTS.vectorBitSize() + "-bit";
    }
}
