package dev.facerec.ml.onnx.graph;

import static dev.facerec.ml.onnx.graph.OnnxProtos.floatTensor;
import static dev.facerec.ml.onnx.graph.OnnxProtos.int64Tensor;
import static dev.facerec.ml.onnx.graph.OnnxProtos.node;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.facerec.ml.onnx.graph.OnnxGraphOptimizer.Batch;
import dev.facerec.ml.onnx.graph.OnnxGraphOptimizer.Options;
import dev.facerec.ml.onnx.graph.OnnxGraphOptimizer.Report;
import dev.facerec.ml.onnx.graph.ProtoMessage.Field;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rewrites on a small hand-built model whose every case is known: x [1,2,3,3] through three PRelu kinds. */
class PreluRewriteTest {
    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    @Test
    void rewrittenModelComputesWhatPreluComputes() throws Exception {
        byte[] original = model();

        OnnxGraphOptimizer.Result result = OnnxGraphOptimizer.optimize(original, Options.all());

        assertThat(result.report()).isEqualTo(new Report(Batch.MADE_DYNAMIC, "", 2, 1, 0));
        assertThat(OnnxGraphOptimizerTest.opTypes(result.model()))
                .containsOnlyOnce("PRelu", "LeakyRelu")
                .contains("Reshape");
        float[] input = new float[2 * 2 * 3 * 3];
        Random random = new Random(7);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
        float[] first = run(original, java.util.Arrays.copyOf(input, 18), 1);
        float[] second = run(original, java.util.Arrays.copyOfRange(input, 18, 36), 1);
        float[] batch = run(result.model(), input, 2);
        for (int i = 0; i < 18; i++) {
            assertThat(batch[i]).isCloseTo(first[i], org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(batch[18 + i]).isCloseTo(second[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    private static float[] run(byte[] model, float[] input, int batch) throws Exception {
        try (OrtSession session = OnnxGraphOptimizerTest.session(model);
                OnnxTensor tensor =
                        OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(input), new long[] {batch, 2, 3, 3});
                OrtSession.Result result = session.run(Map.of("x", tensor))) {
            FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[output.remaining()];
            output.get(values);
            return values;
        }
    }

    /**
     * Conv -> PRelu(per channel, one slope above 1) -> PRelu(single slope) -> PRelu(slope along the width axis,
     * which is not per channel and must stay) -> Reshape to [1, -1].
     */
    private static byte[] model() {
        ProtoMessage graph = new ProtoMessage()
                .add(Field.message(1, node("Conv", "conv", List.of("x", "w", "b"), "c")))
                .add(Field.message(1, node("PRelu", "per_channel", List.of("c", "s1"), "p1")))
                .add(Field.message(1, node("PRelu", "scalar", List.of("p1", "s2"), "p2")))
                .add(Field.message(1, node("PRelu", "spatial", List.of("p2", "s3"), "p3")))
                .add(Field.message(1, node("Reshape", "flatten", List.of("p3", "shape"), "y")))
                .add(Field.string(2, "tiny"))
                .add(Field.message(5, floatTensor("w", new float[] {1, -2, 0.5f, 3}, 2, 2, 1, 1)))
                .add(Field.message(5, floatTensor("b", new float[] {0.1f, -0.2f}, 2)))
                .add(Field.message(5, floatTensor("s1", new float[] {0.25f, 1.5f}, 2, 1, 1)))
                .add(Field.message(5, floatTensor("s2", new float[] {-0.5f}, 1)))
                .add(Field.message(5, floatTensor("s3", new float[] {0.1f, 0.2f, 0.3f}, 3)))
                .add(Field.message(5, int64Tensor("shape", new long[] {1, -1})))
                .add(Field.message(11, valueInfo("x", 1, 2, 3, 3)))
                .add(Field.message(12, valueInfo("y", 1, 18)));
        return new ProtoMessage()
                .add(Field.varint(1, 7))
                .add(Field.message(7, graph))
                .add(Field.message(
                        8, new ProtoMessage().add(Field.string(1, "")).add(Field.varint(2, 9))))
                .toByteArray();
    }

    private static ProtoMessage valueInfo(String name, long... dims) {
        ProtoMessage shape = new ProtoMessage();
        for (long dim : dims) {
            shape.add(Field.message(1, new ProtoMessage().add(Field.varint(1, dim))));
        }
        ProtoMessage tensorType = new ProtoMessage().add(Field.varint(1, 1)).add(Field.message(2, shape));
        return new ProtoMessage()
                .add(Field.string(1, name))
                .add(Field.message(2, new ProtoMessage().add(Field.message(1, tensorType))));
    }
}
