package dev.facerec.api.app.cache;

import dev.facerec.core.cache.EmbeddingCache.AnalysedFace;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.Point;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis value of a cached image: a version byte, the face count, then per face the box (4 floats), the 5
 * landmarks (10 floats), the score, the embedding length and the embedding, all little-endian float32. About 2 KB for
 * one face of a 512-d model, a quarter of the same in JSON. The model id is in the key, not the value.
 */
final class EmbeddingCodec {
    private static final byte VERSION = 1;

    private EmbeddingCodec() {}

    static byte[] encode(List<AnalysedFace> faces) {
        int size = 1 + 4;
        for (AnalysedFace face : faces) {
            size += 4 * (4 + 10 + 1 + 1 + face.embedding().dimension());
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.put(VERSION).putInt(faces.size());
        for (AnalysedFace analysed : faces) {
            DetectedFace face = analysed.face();
            BoundingBox box = face.box();
            buffer.putFloat(box.x()).putFloat(box.y()).putFloat(box.width()).putFloat(box.height());
            for (Point point : face.landmarks()) {
                buffer.putFloat(point.x()).putFloat(point.y());
            }
            buffer.putFloat(face.score());
            float[] vector = analysed.embedding().vector();
            buffer.putInt(vector.length);
            for (float value : vector) {
                buffer.putFloat(value);
            }
        }
        return buffer.array();
    }

    /** @throws IllegalArgumentException for bytes this version did not write */
    static List<AnalysedFace> decode(byte[] bytes, String modelId) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            if (buffer.get() != VERSION) {
                throw new IllegalArgumentException("unknown cache entry version");
            }
            int count = buffer.getInt();
            List<AnalysedFace> faces = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                BoundingBox box =
                        new BoundingBox(buffer.getFloat(), buffer.getFloat(), buffer.getFloat(), buffer.getFloat());
                List<Point> landmarks = new ArrayList<>(DetectedFace.LANDMARK_COUNT);
                for (int j = 0; j < DetectedFace.LANDMARK_COUNT; j++) {
                    landmarks.add(new Point(buffer.getFloat(), buffer.getFloat()));
                }
                float score = buffer.getFloat();
                float[] vector = new float[buffer.getInt()];
                buffer.asFloatBuffer().get(vector);
                buffer.position(buffer.position() + 4 * vector.length);
                faces.add(new AnalysedFace(
                        new DetectedFace(box, landmarks, score), Embedding.normalised(vector, modelId)));
            }
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes in cache entry");
            }
            return faces;
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated cache entry", e);
        }
    }
}
