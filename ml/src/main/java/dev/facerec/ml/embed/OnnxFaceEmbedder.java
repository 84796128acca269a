package dev.facerec.ml.embed;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.align.FaceAligner;
import dev.facerec.ml.onnx.InferenceGate;
import dev.facerec.ml.onnx.ModelSessions;
import dev.facerec.ml.pack.ModelPack;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Aligns each face and runs the recognition model, all faces of a request in one batch when the model accepts a
 * batch dimension (alignment happens outside the inference gate, so it overlaps with other requests' inference).
 */
public final class OnnxFaceEmbedder implements FaceEmbedder {
    private static final int FACE_FLOATS = 3 * FaceAligner.SIZE * FaceAligner.SIZE;
    private static final int MAX_BATCH = 32;

    private final ModelPack pack;
    private final OrtEnvironment environment;
    private final ModelSessions sessions;
    private final InferenceGate gate;
    private final FaceAligner aligner;
    private final RecognitionModel model;
    private final int maxBatch;

    public OnnxFaceEmbedder(ModelPack pack, OrtEnvironment environment, ModelSessions sessions, InferenceGate gate) {
        this(pack, environment, sessions, gate, pack.input().dynamicBatch());
    }

    /** @param dynamicBatch whether the loaded session accepts batches (a rewritten graph may, where the file does not) */
    public OnnxFaceEmbedder(
            ModelPack pack,
            OrtEnvironment environment,
            ModelSessions sessions,
            InferenceGate gate,
            boolean dynamicBatch) {
        this.pack = requireNonNull(pack, "pack is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.gate = requireNonNull(gate, "gate is null");
        ModelPack.InputSpec input = pack.input();
        this.aligner = new FaceAligner(input.mean(), input.scale(), input.bgr());
        ModelPack.CalibratedThresholds calibrated = pack.thresholds();
        this.model = new RecognitionModel(
                pack.id(), pack.embeddingSize(), calibrated.toThresholds(), calibrated.toSimilarityScale());
        this.maxBatch = dynamicBatch ? MAX_BATCH : 1;
    }

    @Override
    public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
        requireNonNull(image, "image is null");
        List<Embedding> embeddings = new ArrayList<>(faces.size());
        for (int start = 0; start < faces.size(); start += maxBatch) {
            List<DetectedFace> batch = faces.subList(start, Math.min(faces.size(), start + maxBatch));
            float[] input = new float[batch.size() * FACE_FLOATS];
            for (int i = 0; i < batch.size(); i++) {
                aligner.align(image, batch.get(i), input, i * FACE_FLOATS);
            }
            embeddings.addAll(gate.run(lane -> infer(sessions.on(lane), input, batch.size())));
        }
        return embeddings;
    }

    /** Embeds faces that are already aligned (planes as {@link FaceAligner} writes them), one per 112x112x3 block. */
    public List<Embedding> embedAligned(float[] alignedFaces, int count) {
        return gate.run(lane -> infer(sessions.on(lane), alignedFaces, count));
    }

    @Override
    public RecognitionModel model() {
        return model;
    }

    private List<Embedding> infer(OrtSession session, float[] input, int count) {
        long[] shape = {count, 3, FaceAligner.SIZE, FaceAligner.SIZE};
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), shape);
                OrtSession.Result result = session.run(Map.of(pack.input().name(), tensor))) {
            OnnxTensor output = (OnnxTensor) result.get(pack.outputName())
                    .orElseThrow(() -> new IllegalStateException("recognizer output missing: " + pack.outputName()));
            FloatBuffer values = output.getFloatBuffer();
            int size = pack.embeddingSize();
            if (values.remaining() != count * size) {
                throw new IllegalStateException(
                        "recognizer returned " + values.remaining() + " values for " + count + " faces of " + size);
            }
            List<Embedding> embeddings = new ArrayList<>(count);
            float[] vector = new float[size];
            for (int i = 0; i < count; i++) {
                values.get(vector);
                embeddings.add(Embedding.normalised(vector, pack.id()));
            }
            return embeddings;
        } catch (OrtException e) {
            throw new FaceException(FaceErrorCode.UNAVAILABLE, "Face embedding failed: " + e.getMessage(), Map.of(), e);
        }
    }
}
