package dev.facerec.ml.onnx.graph;

import static dev.facerec.ml.onnx.graph.OnnxProtos.floatTensor;
import static dev.facerec.ml.onnx.graph.OnnxProtos.floats;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.facerec.ml.onnx.graph.OnnxGraphOptimizer.Options;
import dev.facerec.ml.onnx.graph.ProtoMessage.Field;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DenormalFlushTest {
    private static final float SUBNORMAL = Float.MIN_NORMAL / 4;
    private static final int FACES = 8;
    private static final int FACE_SIZE = 3 * 112 * 112;
    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    @Test
    void setsSubnormalWeightsToSignedZeroInRawAndPackedTensors() {
        ProtoMessage packed = new ProtoMessage()
                .add(Field.varint(OnnxProtos.TENSOR_DIMS, 3))
                .add(Field.varint(OnnxProtos.TENSOR_DATA_TYPE, OnnxProtos.DATA_TYPE_FLOAT))
                .add(Field.string(OnnxProtos.TENSOR_NAME, "packed"))
                .add(Field.bytes(OnnxProtos.TENSOR_FLOAT_DATA, littleEndian(-SUBNORMAL, 2f, Float.MIN_NORMAL)));
        ProtoMessage graph = new ProtoMessage()
                .add(Field.message(OnnxProtos.GRAPH_INITIALIZER, floatTensor("raw", new float[] {SUBNORMAL, 0.5f}, 2)))
                .add(Field.message(OnnxProtos.GRAPH_INITIALIZER, packed))
                .add(Field.message(OnnxProtos.GRAPH_INITIALIZER, floatTensor("clean", new float[] {1e-30f, -3f}, 2)));
        OnnxGraph onnx = new OnnxGraph(new ProtoMessage()
                .add(Field.message(OnnxProtos.MODEL_GRAPH, graph))
                .toByteArray());

        int flushed = new DenormalFlush(onnx).apply();
        OnnxGraph written = new OnnxGraph(onnx.toModel());

        assertThat(flushed).isEqualTo(2);
        assertThat(floats(written.initializer("raw"))).containsExactly(0f, 0.5f);
        assertThat(Float.floatToRawIntBits(floats(written.initializer("packed"))[0]))
                .isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(floats(written.initializer("packed"))).containsExactly(-0f, 2f, Float.MIN_NORMAL);
        assertThat(OnnxProtos.dims(written.initializer("packed"))).containsExactly(3);
        assertThat(floats(written.initializer("clean"))).containsExactly(1e-30f, -3f);
    }

    @Test
    void facepluginLosesItsSubnormalWeightsAndNothingElse() throws IOException {
        byte[] model = Files.readAllBytes(TestModels.directory().resolve(TestModels.FACEPLUGIN));

        OnnxGraphOptimizer.Result result = OnnxGraphOptimizer.optimize(model, Options.all());

        assertThat(result.report().denormalsFlushed()).isGreaterThan(8000);
        assertThat(subnormals(result.model())).isZero();
        assertThat(subnormals(OnnxGraphOptimizer.optimize(model, new Options(true, true, false))
                        .model()))
                .isEqualTo(result.report().denormalsFlushed());
    }

    /** Eight real LFW face crops through faceplugin with and without the flush: the same embeddings. */
    @Test
    void embeddingsAreUnchanged() throws Exception {
        byte[] model = Files.readAllBytes(TestModels.directory().resolve(TestModels.FACEPLUGIN));
        byte[] kept = OnnxGraphOptimizer.optimize(model, new Options(true, true, false))
                .model();
        byte[] flushed = OnnxGraphOptimizer.optimize(model, Options.all()).model();
        float[] faces = lfwFaces();

        float[] expected;
        float[] actual;
        try (OrtSession reference = OnnxGraphOptimizerTest.session(kept);
                OrtSession candidate = OnnxGraphOptimizerTest.session(flushed)) {
            expected = Embeddings.run(ENVIRONMENT, reference, faces, FACES);
            actual = Embeddings.run(ENVIRONMENT, candidate, faces, FACES);
        }

        assertThat(Embeddings.maxAbsDifference(
                        Embeddings.normalised(expected, FACES), Embeddings.normalised(actual, FACES)))
                .isLessThanOrEqualTo(1e-6f);
    }

    private static int subnormals(byte[] model) {
        int count = 0;
        for (ProtoMessage tensor : new OnnxGraph(model).initializers()) {
            float[] values = floats(tensor);
            for (int i = 0; values != null && i < values.length; i++) {
                count += DenormalFlush.isSubnormal(values[i]) ? 1 : 0;
            }
        }
        return count;
    }

    /** The centre 112x112 of the first photos of lfw-dev, planar BGR scaled as faceplugin expects. */
    private static float[] lfwFaces() throws IOException {
        List<Path> photos;
        try (Stream<Path> files = Files.walk(TestModels.dataDirectory().resolve("lfw-dev/images"))) {
            photos = files.filter(Files::isRegularFile).sorted().limit(FACES).toList();
        }
        float[] faces = new float[FACES * FACE_SIZE];
        for (int face = 0; face < FACES; face++) {
            BufferedImage image = ImageIO.read(photos.get(face).toFile());
            int left = (image.getWidth() - 112) / 2;
            int top = (image.getHeight() - 112) / 2;
            int offset = face * FACE_SIZE;
            for (int y = 0; y < 112; y++) {
                for (int x = 0; x < 112; x++) {
                    int rgb = image.getRGB(left + x, top + y);
                    int pixel = offset + y * 112 + x;
                    faces[pixel] = ((rgb & 0xff) - 127f) / 128f;
                    faces[112 * 112 + pixel] = (((rgb >> 8) & 0xff) - 127f) / 128f;
                    faces[2 * 112 * 112 + pixel] = (((rgb >> 16) & 0xff) - 127f) / 128f;
                }
            }
        }
        return faces;
    }

    private static byte[] littleEndian(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }
}
