package dev.facerec.index;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One block is one vector load seen as shorts ({@link Int4Layout}); a logical shift and a mask take one nibble out of
 * every short (the top nibble needs the shift alone), giving consecutive stored codes that multiply as many
 * consecutive query values. Products go to two short accumulators, so that consecutive adds do not wait on each other,
 * for eight blocks (see {@link Int4Dot} for why that cannot overflow); then the short pairs are folded into ints with
 * shifts, which the JIT turns into cheaper instructions than the Vector API's lane-crossing conversion.
 *
 * <p>It comes 256 bits wide ({@link Bits256}, AVX2) and 512 bits wide ({@link Bits512}, AVX-512: half the instructions
 * a row). Each width has its own copy of the loop because the JIT compiles vectors to machine instructions only where
 * their species is a constant: one loop taking the species as an argument ran 4 to 20 times slower.
 */
abstract sealed class VectorInt4Dot implements Int4Dot {
    private static final int BLOCKS_PER_FOLD = 8;
    private static final short NIBBLE = 0xF;

    private final Int4Layout layout;

    private VectorInt4Dot(VectorSpecies<Short> shorts) {
        this.layout = new Int4Layout(shorts.length());
    }

    /** The 512-bit kernel if {@code wide}, else the 256-bit one. */
    static VectorInt4Dot of(boolean wide) {
        return wide ? new Bits512() : new Bits256();
    }

    /** 512 bits wide where the JIT compiles 512-bit vectors to single instructions (AVX-512), else 256. */
    static VectorInt4Dot widest() {
        return of(ShortVector.SPECIES_PREFERRED.vectorBitSize() >= ShortVector.SPECIES_512.vectorBitSize());
    }

    @Override
    public final Int4Layout layout() {
        return layout;
    }

    @Override
    public final String toString() {
        return "Vector API " + layout.lanes() * Short.SIZE + "-bit";
    }

    static final class Bits256 extends VectorInt4Dot {
        private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
        private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_256;

        private Bits256() {
            super(SHORTS);
        }

        @Override
        public int dot(byte[] codes, int offset, Int4Query query) {
            short[] values = query.values();
            int blocks = values.length / (4 * SHORTS.length());
            int sum = -query.bias();
            ShortVector even = ShortVector.zero(SHORTS);
            ShortVector odd = even;
            for (int block = 0; block < blocks; block++) {
                ShortVector packed = ByteVector.fromArray(BYTES, codes, offset + block * BYTES.length())
                        .reinterpretAsShorts();
                int q = block * 4 * SHORTS.length();
                even = even.add(packed.and(NIBBLE).mul(ShortVector.fromArray(SHORTS, values, q)));
                odd = odd.add(nibble(packed, 4).mul(ShortVector.fromArray(SHORTS, values, q + SHORTS.length())));
                even = even.add(nibble(packed, 8).mul(ShortVector.fromArray(SHORTS, values, q + 2 * SHORTS.length())));
                odd = odd.add(top(packed).mul(ShortVector.fromArray(SHORTS, values, q + 3 * SHORTS.length())));
                if (block % BLOCKS_PER_FOLD == BLOCKS_PER_FOLD - 1) {
                    sum += fold(even, odd);
                    even = ShortVector.zero(SHORTS);
                    odd = even;
                }
            }
            return blocks % BLOCKS_PER_FOLD == 0 ? sum : sum + fold(even, odd);
        }
    }

    static final class Bits512 extends VectorInt4Dot {
        private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_512;
        private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_512;

        private Bits512() {
            super(SHORTS);
        }

        @Override
        public int dot(byte[] codes, int offset, Int4Query query) {
            short[] values = query.values();
            int blocks = values.length / (4 * SHORTS.length());
            int sum = -query.bias();
            ShortVector even = ShortVector.zero(SHORTS);
            ShortVector odd = even;
            for (int block = 0; block < blocks; block++) {
                ShortVector packed = ByteVector.fromArray(BYTES, codes, offset + block * BYTES.length())
                        .reinterpretAsShorts();
                int q = block * 4 * SHORTS.length();
                even = even.add(packed.and(NIBBLE).mul(ShortVector.fromArray(SHORTS, values, q)));
                odd = odd.add(nibble(packed, 4).mul(ShortVector.fromArray(SHORTS, values, q + SHORTS.length())));
                even = even.add(nibble(packed, 8).mul(ShortVector.fromArray(SHORTS, values, q + 2 * SHORTS.length())));
                odd = odd.add(top(packed).mul(ShortVector.fromArray(SHORTS, values, q + 3 * SHORTS.length())));
                if (block % BLOCKS_PER_FOLD == BLOCKS_PER_FOLD - 1) {
                    sum += fold(even, odd);
                    even = ShortVector.zero(SHORTS);
                    odd = even;
                }
            }
            return blocks % BLOCKS_PER_FOLD == 0 ? sum : sum + fold(even, odd);
        }
    }

    /** The nibble {@code down} bits up in each short, as a value from 0 to 15. */
    private static ShortVector nibble(ShortVector packed, int down) {
        return packed.lanewise(VectorOperators.LSHR, down).and(NIBBLE);
    }

    /** The top nibble of each short: the shift alone leaves it from 0 to 15. */
    private static ShortVector top(ShortVector packed) {
        return packed.lanewise(VectorOperators.LSHR, 12);
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
}
