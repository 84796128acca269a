package dev.facerec.ml.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Int8DotTest {
    private final Random random = new Random(7);

    @Test
    void vectorKernelEqualsTheScalarLoopAtExtremesAndOddDimensions() {
        for (int dimension : new int[] {1, 31, 32, 100, 128, 512, 513}) {
            byte[] codes = new byte[dimension + 40];
            short[] query = new short[dimension];
            for (int trial = 0; trial < 20; trial++) {
                for (int i = 0; i < codes.length; i++) {
                    codes[i] = trial == 0 ? (byte) 127 : (byte) (random.nextInt(255) - 127);
                }
                for (int i = 0; i < dimension; i++) {
                    query[i] = trial == 0 ? (short) 127 : (short) (random.nextInt(255) - 127);
                }
                int offset = trial % 40;
                assertThat(new VectorInt8Dot().dot(codes, offset, query))
                        .as("dimension %d trial %d", dimension, trial)
                        .isEqualTo(new ScalarInt8Dot().dot(codes, offset, query));
            }
        }
    }

    @Test
    void theVectorKernelIsChosenWhenTheModuleIsPresent() {
        // The surefire argLine adds jdk.incubator.vector; without it the index falls back to the scalar loop.
        assertThat(Int8Dot.best()).isInstanceOf(VectorInt8Dot.class);
    }

    @Test
    void quantisationMapsTheLargestComponentTo127AndKeepsSigns() {
        byte[] codes = new byte[3];
        float scale = Int8Codes.quantise(new float[] {0.5f, -0.3f, 0.001f}, codes);
        assertThat(codes).containsExactly(127, -76, 0);
        assertThat(scale).isEqualTo(0.5f / 127);
    }
}
