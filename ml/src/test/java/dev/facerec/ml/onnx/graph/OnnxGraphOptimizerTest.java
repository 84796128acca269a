package dev.facerec.ml.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.facerec.ml.onnx.graph.OnnxGraphOptimizer.Batch;
import dev.facerec.ml.onnx.graph.OnnxGraphOptimizer.Options;
import dev.facerec.ml.onnx.graph.OnnxGraphOptimizer.Result;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnnxGraphOptimizerTest {
    private static final int FACES = 4;
    private static final int FACE_SIZE = 3 * 112 * 112;
    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    @Test
    void facepluginGetsADynamicBatchLosesEveryPreluAndItsSubnormalWeights() throws IOException {
        Result result = OnnxGraphOptimizer.optimize(read(TestModels.FACEPLUGIN), Options.all());

        assertThat(result.report()).isEqualTo(new OnnxGraphOptimizer.Report(Batch.MADE_DYNAMIC, "", 33, 0, 8938));
        assertThat(opTypes(result.model())).doesNotContain("PRelu");
    }

    @Test
    void paddleAlreadyHasADynamicBatch() throws IOException {
        Result result = OnnxGraphOptimizer.optimize(read(TestModels.PADDLE), Options.all());

        assertThat(result.report()).isEqualTo(new OnnxGraphOptimizer.Report(Batch.ALREADY_DYNAMIC, "", 33, 0, 12));
    }

    /** Four faces in one run of the optimised model against four batch-1 runs of the original. */
    @ParameterizedTest
    @ValueSource(strings = {TestModels.FACEPLUGIN, TestModels.PADDLE})
    void optimisedBatchEmbedsLikeOriginalSingleRuns(String file) throws Exception {
        byte[] original = read(file);
        byte[] optimised = OnnxGraphOptimizer.optimize(original, Options.all()).model();
        float[] faces = faces();

        float[] expected;
        float[] actual;
        try (OrtSession reference = session(original);
                OrtSession candidate = session(optimised)) {
            expected = new float[0];
            for (int face = 0; face < FACES; face++) {
                float[] single = Arrays.copyOfRange(faces, face * FACE_SIZE, (face + 1) * FACE_SIZE);
                expected = concat(expected, Embeddings.run(ENVIRONMENT, reference, single, 1));
            }
            actual = Embeddings.run(ENVIRONMENT, candidate, faces, FACES);
        }

        assertThat(Embeddings.maxAbsDifference(
                        Embeddings.normalised(expected, FACES), Embeddings.normalised(actual, FACES)))
                .isLessThan(1e-4f);
    }

    @Test
    void aModelWithoutPreluIsHandedBackUntouched() throws IOException {
        byte[] yunet = read(TestModels.YUNET);

        Result result = OnnxGraphOptimizer.optimize(yunet, new Options(false, true, true));

        assertThat(result.model()).isEqualTo(yunet);
        assertThat(result.report()).isEqualTo(new OnnxGraphOptimizer.Report(Batch.NOT_REQUESTED, "", 0, 0, 0));
    }

    @Test
    void refusesDynamicBatchWhenAnOperatorCouldMixTheBatch() throws IOException {
        byte[] yunet = read(TestModels.YUNET);

        Result result = OnnxGraphOptimizer.optimize(yunet, Options.all());

        assertThat(result.model()).isEqualTo(yunet);
        assertThat(result.report().batch()).isEqualTo(Batch.NOT_POSSIBLE);
        assertThat(result.report().batchNote()).isNotBlank();
    }

    private static float[] faces() throws IOException {
        Random random = new Random(42);
        float[] faces = new float[FACES * FACE_SIZE];
        for (int i = 0; i < (FACES - 1) * FACE_SIZE; i++) {
            faces[i] = (float) random.nextGaussian() * 0.5f;
        }
        System.arraycopy(realFace(), 0, faces, (FACES - 1) * FACE_SIZE, FACE_SIZE);
        return faces;
    }

    /** The centre of an LFW photo, where the face is, as planar BGR scaled to about [-1, 1]. */
    private static float[] realFace() throws IOException {
        Path photo = TestModels.dataDirectory().resolve("lfw-dev/images/Aaron_Sorkin/Aaron_Sorkin_0001.jpg");
        BufferedImage image = ImageIO.read(photo.toFile());
        int left = (image.getWidth() - 112) / 2;
        int top = (image.getHeight() - 112) / 2;
        float[] face = new float[FACE_SIZE];
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) {
                int rgb = image.getRGB(left + x, top + y);
                int pixel = y * 112 + x;
                face[pixel] = ((rgb & 0xff) - 127f) / 128f;
                face[112 * 112 + pixel] = (((rgb >> 8) & 0xff) - 127f) / 128f;
                face[2 * 112 * 112 + pixel] = (((rgb >> 16) & 0xff) - 127f) / 128f;
            }
        }
        return face;
    }

    static OrtSession session(byte[] model) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return ENVIRONMENT.createSession(model, options);
    }

    static java.util.List<String> opTypes(byte[] model) {
        return new OnnxGraph(model)
                .nodes().stream()
                        .map(node -> node.string(OnnxProtos.NODE_OP_TYPE))
                        .toList();
    }

    private static byte[] read(String file) throws IOException {
        return Files.readAllBytes(TestModels.directory().resolve(file));
    }

    private static float[] concat(float[] first, float[] second) {
        float[] result = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }
}
