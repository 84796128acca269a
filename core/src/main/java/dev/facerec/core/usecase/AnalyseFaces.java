package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.cache.EmbeddingCache.AnalysedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.quality.QualityGate;
import dev.facerec.core.recognizer.ModelSwitch;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The usable faces of a photo with their embeddings, for front doors that answer per face what the photo holds (the
 * CompreFace-compatible detection, verification and embedding calculator): the same decoding, detection, query quality
 * gate and embedding cache as identification, so a photo analysed here and then identified is decoded and embedded
 * once. Also finds a stored face to compare against, within one gallery.
 */
public final class AnalyseFaces {
    private final QueryFaces query;
    private final FaceEmbedder embedder;
    private final FaceRepository faces;
    private final GalleryAccess access;

    public AnalyseFaces(
            ImageDecoder decoder,
            FaceDetector detector,
            FaceEmbedder embedder,
            EmbeddingCache cache,
            QualityGate queryGate,
            FaceRepository faces,
            GalleryAccess access) {
        this.access = requireNonNull(access, "access is null");
        this.embedder = requireNonNull(embedder, "embedder is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.query = new QueryFaces(decoder, detector, embedder, cache, queryGate);
    }

    /** The recognizer that made the embeddings, with its calibrated thresholds and similarity scale. */
    public RecognitionModel model() {
        return embedder.model();
    }

    /**
     * The cosine of two embeddings of {@code model} (the {@link #model()} the caller read for its request, whose scale
     * it shows the result on).
     *
     * @throws dev.facerec.core.FaceException {@code UNAVAILABLE} (retry at once) if either is another model's: the
     *     recognizer was switched while the request ran
     */
    public static float similarity(RecognitionModel model, Embedding a, Embedding b) {
        return ModelSwitch.require(model.id(), a).similarity(ModelSwitch.require(model.id(), b));
    }

    /**
     * The faces that pass the query gate, in detector order; empty when the photo holds none.
     *
     * @throws dev.facerec.core.FaceException the decoder's errors, or {@code FACE_QUALITY} when every face found is
     *     unusable
     */
    public List<AnalysedFace> analyse(byte[] bytes) {
        return query.analyse(bytes);
    }

    /**
     * The stored face with this id if it is in the gallery and was embedded by the current recognizer; a face of
     * another gallery is as good as missing.
     *
     * @throws dev.facerec.core.FaceException {@code FORBIDDEN} if the gallery is restricted and does not name {@code
     *     actor}
     */
    public Optional<EnrolledFace> storedFace(Actor actor, UUID galleryId, UUID faceId) {
        access.check(actor, requireNonNull(galleryId, "galleryId is null"));
        return faces.find(requireNonNull(faceId, "faceId is null"))
                .filter(face -> face.galleryId().equals(galleryId))
                .filter(face -> face.modelId().equals(embedder.model().id()));
    }
}
