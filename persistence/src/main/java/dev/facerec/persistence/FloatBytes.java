package dev.facerec.persistence;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * float32 arrays as little-endian bytes, bit for bit (raw bits: NaN payloads and -0.0 survive). The one place that
 * knows the byte layout of the {@code embedding} and {@code landmarks} columns; encryption of embeddings wraps it.
 */
final class FloatBytes {
    private FloatBytes() {}

    static byte[] encode(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putInt(Float.floatToRawIntBits(value));
        }
        return buffer.array();
    }

    static float[] decode(byte[] bytes) {
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalStateException("a float32 column holds " + bytes.length + " bytes, not a multiple of 4");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.length / Float.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(buffer.getInt());
        }
        return values;
    }
}
