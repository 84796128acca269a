package dev.facerec.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import jdk.incubator.vector.ShortVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Int4DotTest {
    private final Random random = new Random(7);

    @ParameterizedTest(name = "{0}-bit")
    @ValueSource(booleans = {false, true})
    void vectorKernelEqualsTheScalarLoopAtExtremesAndOddDimensions(boolean wide) {
        VectorInt4Dot kernel = VectorInt4Dot.of(wide);
        ScalarInt4Dot reference = new ScalarInt4Dot(kernel.layout());
        // 1024 and 1100 (and 2048 and 2100 at 512 bits) cross the eight-block fold; 513 pads a nearly empty last block.
        for (int dimension : new int[] {1, 31, 64, 100, 128, 512, 513, 1024, 1100, 2048, 2100}) {
            Int4Layout layout = kernel.layout();
            byte[] codes = new byte[layout.rowBytes(dimension) + 40];
            short[] values = new short[layout.paddedDims(dimension)];
            for (int trial = 0; trial < 20; trial++) {
                for (int i = 0; i < codes.length; i++) {
                    // Trials 0 and 1: every nibble 15 (code 7) or 0 (the offset alone), the largest stored products and
                    // the
                    // largest bias; trial 2: every code -7, the largest negative products.
                    codes[i] = switch (trial) {
                        case 0 -> (byte) 0xFF;
                        case 1 -> (byte) 0x00;
                        case 2 -> (byte) 0x11;
                        default -> (byte) nibbles();
                    };
                }
                for (int i = 0; i < dimension; i++) {
                    values[i] = trial < 3 ? (short) (trial == 1 ? -127 : 127) : (short) (random.nextInt(255) - 127);
                }
                Int4Query query = Int4Query.of(values);
                int offset = trial % 40;
                assertThat(kernel.dot(codes, offset, query))
                        .as("dimension %d trial %d", dimension, trial)
                        .isEqualTo(reference.dot(codes, offset, query));
            }
        }
    }

    @Test
    void theVectorKernelIsChosenWhenTheModuleIsPresent() {
        // The surefire argLine adds jdk.incubator.vector; without it the index falls back to the scalar loop.
        assertThat(Int4Dot.best()).isInstanceOf(VectorInt4Dot.class);
        // As wide as the JIT's preferred vectors, 256 bits at least (AVX2 machines) and 512 at most.
        int preferred = Math.max(16, Math.min(32, ShortVector.SPECIES_PREFERRED.length()));
        assertThat(Int4Dot.best().layout().lanes()).isEqualTo(preferred);
    }

    @Test
    void bothWidthsScoreTheSameVectorAlike() {
        float[] face = Vectors.random(random, 512, "m").vector();
        float[] query = Vectors.random(random, 512, "m").vector();
        float[] scores = new float[2];
        for (boolean wide : new boolean[] {false, true}) {
            VectorInt4Dot kernel = VectorInt4Dot.of(wide);
            Int4Codes codes = new Int4Codes(512, kernel.layout());
            codes.set(0, face);
            scores[wide ? 1 : 0] = codes.score(0, Int4Codes.quantiseQuery(query, kernel.layout()), kernel);
        }
        // The layouts differ, the codes and query values do not: the same integer dot product times the same scale.
        assertThat(scores[1]).isEqualTo(scores[0]);
    }

    @Test
    void quantisationMapsTheLargestComponentTo7KeepsSignsAndStoresEachComponentPlus8InItsNibble() {
        float[] vector = new float[130];
        vector[0] = 0.5f; // block 0, short 0, nibble 0
        vector[17] = -0.3f; // block 0, short 1, nibble 1
        vector[34] = 0.2f; // block 0, short 2, nibble 2
        vector[51] = -0.5f; // block 0, short 3, nibble 3
        vector[129] = 0.001f; // block 2: rounds to 0
        Int4Layout layout = Int4Layout.LANES_16;
        byte[] codes = new byte[layout.rowBytes(vector.length)];

        float scale = Int4Codes.quantise(vector, codes, layout);

        assertThat(scale).isEqualTo(0.5f / 7);
        assertThat(codes).hasSize(96);
        assertThat(codes[0]).isEqualTo((byte) 0x8F); // short 0 low byte: nibble 0 = 7 + 8, nibble 1 = 0 + 8
        assertThat(codes[2]).isEqualTo((byte) 0x48); // short 1 low byte: nibble 1 = -4 + 8
        assertThat(codes[5]).isEqualTo((byte) 0x8B); // short 2 high byte: nibble 2 = 3 + 8
        assertThat(codes[7]).isEqualTo((byte) 0x18); // short 3 high byte: nibble 3 = -7 + 8
        // Block 2, short 1: component 129 rounds to 0 (stored 8); component 145 is padding, left 0 (the query pads 0).
        assertThat(codes[64 + 2]).isEqualTo((byte) 0x08);
        short[] unit = new short[192];
        unit[51] = 1;
        assertThat(new ScalarInt4Dot(layout).dot(codes, 0, Int4Query.of(unit))).isEqualTo(-7);
        assertThat(VectorInt4Dot.of(false).dot(codes, 0, Int4Query.of(unit))).isEqualTo(-7);
    }

    @Test
    void the32LaneLayoutHoldsComponentsJ32PlusJ64PlusJAnd96PlusJInShortJ() {
        float[] vector = new float[130];
        vector[17] = 0.5f; // block 0, short 17, nibble 0
        vector[49] = -0.5f; // block 0, short 17, nibble 1
        vector[81] = 0.5f; // block 0, short 17, nibble 2
        vector[113] = -0.5f; // block 0, short 17, nibble 3
        vector[129] = 0.5f; // block 1, short 1, nibble 0
        Int4Layout layout = Int4Layout.LANES_32;
        byte[] codes = new byte[layout.rowBytes(vector.length)];

        Int4Codes.quantise(vector, codes, layout);

        assertThat(codes).hasSize(128);
        assertThat(codes[34]).isEqualTo((byte) 0x1F); // short 17 low byte: 7 + 8, then -7 + 8
        assertThat(codes[35]).isEqualTo((byte) 0x1F); // short 17 high byte: the same
        assertThat(codes[66]).isEqualTo((byte) 0x0F); // block 1, short 1: 7 + 8; component 161 is padding
        short[] unit = new short[256];
        unit[113] = 1;
        assertThat(new ScalarInt4Dot(layout).dot(codes, 0, Int4Query.of(unit))).isEqualTo(-7);
        assertThat(VectorInt4Dot.of(true).dot(codes, 0, Int4Query.of(unit))).isEqualTo(-7);
    }

    @Test
    void scoresFollowTheTrueSimilarityClosely() {
        int dimension = 512;
        float[] query = Vectors.random(random, dimension, "m").vector();
        VectorInt4Dot kernel = VectorInt4Dot.widest();
        Int4Query quantised = Int4Codes.quantiseQuery(query, kernel.layout());
        float queryScale = largest(query) / 127f;
        Int4Codes codes = new Int4Codes(dimension, kernel.layout());
        double worst = 0;
        for (int row = 0; row < 200; row++) {
            float[] face = Vectors.random(random, dimension, "m").vector();
            codes.set(row, face);
            float exact = 0;
            for (int i = 0; i < dimension; i++) {
                exact += face[i] * query[i];
            }
            float approximate = codes.score(row, quantised, kernel) * queryScale;
            worst = Math.max(worst, Math.abs(approximate - exact));
        }
        // Random 512-d unit vectors meet at about 0.044 (one standard deviation); the codes err far less than that.
        assertThat(worst).isLessThan(0.02);
    }

    private int nibbles() {
        return ((random.nextInt(15) - 7) & 0xF) | (((random.nextInt(15) - 7) & 0xF) << 4);
    }

    private static float largest(float[] vector) {
        float largest = 0;
        for (float value : vector) {
            largest = Math.max(largest, Math.abs(value));
        }
        return largest;
    }
}
