package dev.facerec.ml.onnx.graph;

import static dev.facerec.ml.onnx.graph.OnnxProtos.TENSOR_FLOAT_DATA;
import static dev.facerec.ml.onnx.graph.OnnxProtos.TENSOR_RAW_DATA;
import static dev.facerec.ml.onnx.graph.OnnxProtos.floats;
import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sets subnormal float weights (magnitude below {@link Float#MIN_NORMAL}, about 1.2e-38) to zero of the same sign.
 *
 * <p>Why: an x86 core computes with a subnormal operand through a microcode assist, tens of times slower than a
 * normal multiply, and a convolution multiplies each weight with every pixel. faceplugin-512 carries 8938 such
 * weights in 20 tensors, which made its single-threaded run about ten times slower (72 ms against 6.5 ms per face
 * on the 2-core development machine). ONNX Runtime's {@code session.set_denormal_as_zero} does not help here: it
 * sets the flag on the thread that creates the process's first session and on intra-op pool threads, not on the
 * Java threads that run a single-threaded session. A weight that small times any activation is below what float
 * addition keeps next to the other terms of a convolution sum, so the outputs are unchanged (the tests compare
 * embeddings with and without this rewrite).
 */
final class DenormalFlush {
    private final OnnxGraph graph;

    DenormalFlush(OnnxGraph graph) {
        this.graph = requireNonNull(graph, "graph is null");
    }

    /** The number of weights set to zero. */
    int apply() {
        int flushed = 0;
        for (ProtoMessage tensor : graph.initializers()) {
            float[] values = floats(tensor);
            if (values == null) {
                continue;
            }
            int count = 0;
            for (int i = 0; i < values.length; i++) {
                if (isSubnormal(values[i])) {
                    values[i] = Math.copySign(0f, values[i]);
                    count++;
                }
            }
            if (count > 0) {
                graph.replaceInitializer(withValues(tensor, values));
                flushed += count;
            }
        }
        return flushed;
    }

    static boolean isSubnormal(float value) {
        return value != 0 && Math.abs(value) < Float.MIN_NORMAL;
    }

    /** The tensor with its values as raw data, every other field (name, dims, type, doc) kept. */
    private static ProtoMessage withValues(ProtoMessage tensor, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        ProtoMessage replaced = new ProtoMessage();
        boolean written = false;
        for (ProtoMessage.Field field : tensor.fields()) {
            if (field.number() == TENSOR_RAW_DATA || field.number() == TENSOR_FLOAT_DATA) {
                if (!written) {
                    replaced.add(ProtoMessage.Field.bytes(TENSOR_RAW_DATA, raw.array()));
                    written = true;
                }
            } else {
                replaced.add(field);
            }
        }
        return replaced;
    }
}
