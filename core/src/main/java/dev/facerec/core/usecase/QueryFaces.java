package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceException;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.cache.EmbeddingCache.AnalysedFace;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.FacePixels;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.quality.QualityGate;
import dev.facerec.core.recognizer.ModelSwitch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The usable faces of a query image with their embeddings, through the {@link EmbeddingCache}: a repeated image
 * (same SHA-256, same model) is neither decoded nor embedded again.
 *
 * <p>Faces failing the query gate are left out. If faces were found but none passes, the largest face's
 * {@code FACE_QUALITY} error is thrown and nothing is cached, so a repeated bad image gets the same answer. An image
 * without any face gives (and caches) an empty list.
 */
final class QueryFaces {
    private final ImageDecoder decoder;
    private final FaceDetector detector;
    private final FaceEmbedder embedder;
    private final EmbeddingCache cache;
    private final QualityGate gate;

    QueryFaces(
            ImageDecoder decoder,
            FaceDetector detector,
            FaceEmbedder embedder,
            EmbeddingCache cache,
            QualityGate gate) {
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.detector = requireNonNull(detector, "detector is null");
        this.embedder = requireNonNull(embedder, "embedder is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.gate = requireNonNull(gate, "gate is null");
    }

    String modelId() {
        return embedder.model().id();
    }

    List<AnalysedFace> analyse(byte[] bytes) {
        return analyse(bytes, modelId());
    }

    /**
     * The faces embedded by {@code modelId}, the model the caller read once for its whole request.
     *
     * @throws FaceException {@code UNAVAILABLE} (retry at once) if the recognizer was switched to another model
     *     before the embedding ran; nothing is cached then
     */
    List<AnalysedFace> analyse(byte[] bytes, String modelId) {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(modelId, "modelId is null");
        String sha256 = Sha256.hex(bytes);
        var cached = cache.get(sha256, modelId);
        if (cached.isPresent()) {
            return cached.get();
        }
        DecodedImage image = decoder.decode(bytes);
        List<DetectedFace> found = detector.detect(image);
        FacePixels pixels = FacePixels.of(image, found);
        List<DetectedFace> usable = new ArrayList<>();
        FaceException largestRefusal = null;
        float largestArea = -1;
        for (DetectedFace face : found) {
            try {
                gate.check(pixels.forFace(face), face);
                usable.add(face);
            } catch (FaceException refusal) {
                if (face.box().area() > largestArea) {
                    largestArea = face.box().area();
                    largestRefusal = refusal;
                }
            }
        }
        if (usable.isEmpty() && largestRefusal != null) {
            throw largestRefusal;
        }
        List<Embedding> embeddings = pixels.embed(embedder, usable);
        List<AnalysedFace> analysed = new ArrayList<>(usable.size());
        for (int i = 0; i < usable.size(); i++) {
            analysed.add(new AnalysedFace(usable.get(i), ModelSwitch.require(modelId, embeddings.get(i))));
        }
        cache.put(sha256, modelId, analysed);
        return List.copyOf(analysed);
    }

    static Comparator<AnalysedFace> bySize() {
        return Comparator.comparingDouble(face -> face.face().box().area());
    }
}
