package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FloatBytesTest {
    @Test
    void floatsRoundTripBitForBitIncludingEdgeValues() {
        float[] values = {
            0f, -0f, 1f, -1f, Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, 0.1f, Float.intBitsToFloat(0x7fc00123)
        };

        float[] decoded = FloatBytes.decode(FloatBytes.encode(values));

        assertThat(decoded).hasSameSizeAs(values);
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToRawIntBits(decoded[i])).isEqualTo(Float.floatToRawIntBits(values[i]));
        }
    }

    @Test
    void bytesAreLittleEndianFloat32() {
        assertThat(FloatBytes.encode(new float[] {1f})).containsExactly(0x00, 0x00, 0x80, 0x3f);
    }

    @Test
    void aLengthThatIsNoMultipleOfFourIsRejected() {
        assertThatThrownBy(() -> FloatBytes.decode(new byte[5])).isInstanceOf(IllegalStateException.class);
    }
}
