package dev.facerec.ml.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Int4DotTest {
    private final Random random = new Random(7);

    @Test
    void vectorKernelEqualsTheScalarLoopAtExtremesAndOddDimensions() {
        // 1024 and 1100 cross the eight-block fold; 513 pads a nearly empty last block.
        for (int dimension : new int[] {1, 31, 64, 100, 128, 512, 513, 1024, 1100}) {
            int rowBytes = Int4Codes.blocks(dimension) * Int4Codes.BLOCK_BYTES;
            byte[] codes = new byte[rowBytes + 40];
            short[] values = new short[Int4Codes.blocks(dimension) * Int4Codes.BLOCK_DIMS];
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
                assertThat(new VectorInt4Dot().dot(codes, offset, query))
                        .as("dimension %d trial %d", dimension, trial)
                        .isEqualTo(new ScalarInt4Dot().dot(codes, offset, query));
            }
        }
    }

    @Test
    void theVectorKernelIsChosenWhenTheModuleIsPresent() {
        // The surefire argLine adds jdk.incubator.vector; without it the index falls back to the scalar loop.
        assertThat(Int4Dot.best()).isInstanceOf(VectorInt4Dot.class);
    }

    @Test
    void quantisationMapsTheLargestComponentTo7KeepsSignsAndStoresEachComponentPlus8InItsNibble() {
        float[] vector = new float[130];
        vector[0] = 0.5f; // block 0, short 0, nibble 0
        vector[17] = -0.3f; // block 0, short 1, nibble 1
        vector[34] = 0.2f; // block 0, short 2, nibble 2
        vector[51] = -0.5f; // block 0, short 3, nibble 3
        vector[129] = 0.001f; // block 2: rounds to 0
        byte[] codes = new byte[Int4Codes.blocks(vector.length) * Int4Codes.BLOCK_BYTES];

        float scale = Int4Codes.quantise(vector, codes);

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
        assertThat(new ScalarInt4Dot().dot(codes, 0, Int4Query.of(unit))).isEqualTo(-7);
        assertThat(new VectorInt4Dot().dot(codes, 0, Int4Query.of(unit))).isEqualTo(-7);
    }

    @Test
    void scoresFollowTheTrueSimilarityClosely() {
        int dimension = 512;
        float[] query = Vectors.random(random, dimension, "m").vector();
        Int4Query quantised = Int4Codes.quantiseQuery(query);
        float queryScale = largest(query) / 127f;
        Int4Codes codes = new Int4Codes(dimension);
        double worst = 0;
        for (int row = 0; row < 200; row++) {
            float[] face = Vectors.random(random, dimension, "m").vector();
            codes.set(row, face);
            float exact = 0;
            for (int i = 0; i < dimension; i++) {
                exact += face[i] * query[i];
            }
            float approximate = codes.score(row, quantised, new VectorInt4Dot()) * queryScale;
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
