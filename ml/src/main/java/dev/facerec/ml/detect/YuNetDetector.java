package dev.facerec.ml.detect;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.Point;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.Placement;
import dev.facerec.ml.onnx.InferenceGate;
import dev.facerec.ml.onnx.ModelSessions;
import dev.facerec.ml.pack.ModelPack;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * YuNet face detector, decoded as OpenCV's {@code FaceDetectorYN} does. A model with a dynamic input runs at the
 * image's own size (padded to a multiple of 32; never upscaled, downscaled only beyond {@code maxSide}); a model
 * with a fixed input gets the image scaled to fit and padded.
 */
public final class YuNetDetector implements FaceDetector {
    private static final int[] STRIDES = {8, 16, 32};
    private static final float NMS_IOU = 0.3f;
    private static final int MAX_FACES = 1000;
    private static final int COARSE_SIDE = 640;

    private final ModelPack pack;
    private final OrtEnvironment environment;
    private final ModelSessions sessions;
    private final InferenceGate gate;
    private final float scoreThreshold;
    private final int maxSide;

    public YuNetDetector(
            ModelPack pack,
            OrtEnvironment environment,
            ModelSessions sessions,
            InferenceGate gate,
            float scoreThreshold,
            int maxSide) {
        this.pack = requireNonNull(pack, "pack is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.gate = requireNonNull(gate, "gate is null");
        this.scoreThreshold = scoreThreshold;
        this.maxSide = maxSide;
    }

    @Override
    public List<DetectedFace> detect(DecodedImage image) {
        List<DetectedFace> candidates = new ArrayList<>();
        for (DetectorInput input : passes(image)) {
            for (DetectedFace face : gate.run(lane -> infer(sessions.on(lane), input))) {
                candidates.add(toImage(face, input.scale(), image));
            }
        }
        return NonMaximumSuppression.apply(candidates, NMS_IOU, MAX_FACES);
    }

    @Override
    public String modelId() {
        return pack.id();
    }

    /**
     * The scales to search. YuNet scores faces larger than a few hundred pixels poorly, so a photo larger than twice
     * the coarse size gets a second, coarse pass that finds its large faces; the fine pass at the image's own scale
     * (at most {@code maxSide}) finds the small ones. Non-maximum suppression merges the two.
     */
    private List<DetectorInput> passes(DecodedImage image) {
        ModelPack.InputSpec spec = pack.input();
        int longSide = Math.max(image.width(), image.height());
        if (spec.fixedSize()) {
            float scale = Math.min(
                    1f, Math.min((float) spec.width() / image.width(), (float) spec.height() / image.height()));
            return List.of(DetectorInput.of(image, scale, spec.width(), spec.height()));
        }
        List<DetectorInput> passes = new ArrayList<>(2);
        passes.add(scaled(image, Math.min(1f, (float) maxSide / longSide)));
        if (longSide > 2 * COARSE_SIDE) {
            passes.add(scaled(image, (float) COARSE_SIDE / longSide));
        }
        return passes;
    }

    private DetectorInput scaled(DecodedImage image, float scale) {
        int multiple = pack.input().multiple();
        int width = Math.max(1, Math.round(image.width() * scale));
        int height = Math.max(1, Math.round(image.height() * scale));
        return DetectorInput.of(image, scale, roundUp(width, multiple), roundUp(height, multiple));
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    private List<DetectedFace> infer(OrtSession session, DetectorInput input) {
        long[] shape = {1, 3, input.height(), input.width()};
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input.planes()), shape);
                OrtSession.Result result = session.run(Map.of(pack.input().name(), tensor))) {
            List<DetectedFace> faces = new ArrayList<>();
            for (int stride : STRIDES) {
                decode(result, stride, input.width() / stride, input.height() / stride, faces);
            }
            return faces;
        } catch (OrtException e) {
            throw new FaceException(FaceErrorCode.UNAVAILABLE, "Face detection failed: " + e.getMessage(), Map.of(), e);
        }
    }

    private void decode(OrtSession.Result result, int stride, int columns, int rows, List<DetectedFace> out) {
        FloatBuffer cls = buffer(result, "cls_" + stride);
        FloatBuffer obj = buffer(result, "obj_" + stride);
        FloatBuffer bbox = buffer(result, "bbox_" + stride);
        FloatBuffer kps = buffer(result, "kps_" + stride);
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                int index = row * columns + column;
                float score = (float) Math.sqrt(clamp01(cls.get(index)) * clamp01(obj.get(index)));
                if (score < scoreThreshold) {
                    continue;
                }
                float cx = (column + bbox.get(index * 4)) * stride;
                float cy = (row + bbox.get(index * 4 + 1)) * stride;
                float w = (float) Math.exp(bbox.get(index * 4 + 2)) * stride;
                float h = (float) Math.exp(bbox.get(index * 4 + 3)) * stride;
                List<Point> landmarks = new ArrayList<>(5);
                for (int k = 0; k < 5; k++) {
                    landmarks.add(new Point(
                            (kps.get(index * 10 + 2 * k) + column) * stride,
                            (kps.get(index * 10 + 2 * k + 1) + row) * stride));
                }
                out.add(new DetectedFace(new BoundingBox(cx - w / 2, cy - h / 2, w, h), landmarks, score));
            }
        }
    }

    private static FloatBuffer buffer(OrtSession.Result result, String name) {
        return ((OnnxTensor)
                        result.get(name).orElseThrow(() -> new IllegalStateException("YuNet output missing: " + name)))
                .getFloatBuffer();
    }

    private static float clamp01(float value) {
        return Math.max(0f, Math.min(1f, value));
    }

    /**
     * Maps a detection from tensor coordinates back to the source picture (through the image's pixels, which may be
     * a reduced decode) and clips the box to it.
     */
    private static DetectedFace toImage(DetectedFace face, float scale, DecodedImage image) {
        BoundingBox box = face.box();
        Placement placement = image.placement();
        float x0 = clamp(placement.toSourceX(box.x() / scale), image.sourceWidth());
        float y0 = clamp(placement.toSourceY(box.y() / scale), image.sourceHeight());
        float x1 = clamp(placement.toSourceX((box.x() + box.width()) / scale), image.sourceWidth());
        float y1 = clamp(placement.toSourceY((box.y() + box.height()) / scale), image.sourceHeight());
        List<Point> landmarks = face.landmarks().stream()
                .map(p -> new Point(placement.toSourceX(p.x() / scale), placement.toSourceY(p.y() / scale)))
                .toList();
        return new DetectedFace(new BoundingBox(x0, y0, x1 - x0, y1 - y0), landmarks, face.score());
    }

    private static float clamp(float value, int limit) {
        return Math.max(0, Math.min(limit, value));
    }
}
