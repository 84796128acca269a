package dev.facerec.ml.onnx.graph;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs a recognizer on a batch of 112x112 faces and compares embeddings, for the tests and the benchmark. */
final class Embeddings {
    private Embeddings() {}

    /** The first dimension of the model's input as declared: 1 for fixed batch-1 models, -1 when dynamic. */
    static long declaredBatch(OrtSession session) throws OrtException {
        NodeInfo input = session.getInputInfo().values().iterator().next();
        return ((TensorInfo) input.getInfo()).getShape()[0];
    }

    static float[] run(OrtEnvironment environment, OrtSession session, float[] faces, int batch) throws OrtException {
        String input = session.getInputNames().iterator().next();
        try (OnnxTensor tensor =
                        OnnxTensor.createTensor(environment, FloatBuffer.wrap(faces), new long[] {batch, 3, 112, 112});
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[output.remaining()];
            output.get(values);
            return values;
        }
    }

    /** Each of the {@code batch} rows scaled to unit length, as the service compares embeddings. */
    static float[] normalised(float[] embeddings, int batch) {
        int width = embeddings.length / batch;
        float[] result = new float[embeddings.length];
        for (int row = 0; row < batch; row++) {
            double sum = 0;
            for (int i = 0; i < width; i++) {
                sum += (double) embeddings[row * width + i] * embeddings[row * width + i];
            }
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < width; i++) {
                result[row * width + i] = embeddings[row * width + i] * scale;
            }
        }
        return result;
    }

    static float maxAbsDifference(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("lengths differ: " + expected.length + " vs " + actual.length);
        }
        float max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }
}
