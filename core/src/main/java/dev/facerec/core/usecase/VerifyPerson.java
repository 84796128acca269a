package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.cache.EmbeddingCache.AnalysedFace;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.OperatingPoint;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.quality.QualityGate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * 1:1: does the largest face of a photo show this person? The query is compared with every face of the person made
 * by the current recognition model, and the best similarity decides; faces of another model pack are never compared.
 */
public final class VerifyPerson {
    private final GalleryAccess access;
    private final PersonRepository persons;
    private final FaceRepository faces;
    private final QueryFaces query;
    private final FaceEmbedder embedder;
    private final OtherModels otherModels;

    /**
     * A face's embedding by a model other than its own, if one is stored (a model migration's, see {@link
     * dev.facerec.core.migration.ModelEmbeddings#find}).
     */
    @FunctionalInterface
    public interface OtherModels {
        OtherModels NONE = (faceId, modelId) -> Optional.empty();

        Optional<Embedding> find(UUID faceId, String modelId);
    }

    /**
     * @param otherModels where a face's embedding by the model this replica serves is found when the face's own is
     *     another's ({@link OtherModels#NONE} where no other is kept): while a switch-over reaches the replicas one
     *     after the other, the stored faces already hold the new model's embedding and a replica not yet switched
     *     verifies with the old one's, kept beside it
     */
    public VerifyPerson(
            GalleryAccess access,
            ImageDecoder decoder,
            FaceDetector detector,
            FaceEmbedder embedder,
            EmbeddingCache cache,
            QualityGate queryGate,
            PersonRepository persons,
            FaceRepository faces,
            OtherModels otherModels) {
        this.access = requireNonNull(access, "access is null");
        this.persons = requireNonNull(persons, "persons is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.embedder = requireNonNull(embedder, "embedder is null");
        this.otherModels = requireNonNull(otherModels, "otherModels is null");
        this.query = new QueryFaces(decoder, detector, embedder, cache, queryGate);
    }

    /**
     * @throws FaceException {@code NOT_FOUND} if the person does not exist; {@code FORBIDDEN} if its gallery is
     *     restricted to other callers than {@code actor}; {@code CONFLICT} if the person has no face of the current
     *     model (enroll one first); {@code NO_FACE}, {@code FACE_QUALITY} or the decoder's errors for the photo
     */
    public Verification verify(Actor actor, UUID personId, byte[] bytes, OperatingPoint operatingPoint) {
        requireNonNull(actor, "actor is null");
        requireNonNull(operatingPoint, "operatingPoint is null");
        var person =
                persons.find(requireNonNull(personId, "personId is null")).orElseThrow(() -> NotFound.person(personId));
        access.check(actor, person.galleryId());
        // One model for the whole request: the recognizer may be switched while it runs.
        RecognitionModel model = embedder.model();
        String modelId = model.id();
        List<ModelFace> enrolled = faces.findByPerson(personId).stream()
                .map(face -> face.modelId().equals(modelId)
                        ? Optional.of(new ModelFace(face.id(), face.embedding()))
                        : otherModels.find(face.id(), modelId).map(embedding -> new ModelFace(face.id(), embedding)))
                .flatMap(Optional::stream)
                .toList();
        if (enrolled.isEmpty()) {
            throw new FaceException(
                    FaceErrorCode.CONFLICT,
                    "Person " + personId + " has no face enrolled with the recognition model " + modelId
                            + ". Enroll a face first.",
                    Map.of("personId", personId.toString(), "model", modelId));
        }
        AnalysedFace probe = query.analyse(bytes, modelId).stream()
                .max(QueryFaces.bySize())
                .orElseThrow(() -> new FaceException(
                        FaceErrorCode.NO_FACE,
                        "No face was found in the image. Use a photo where the face is visible and upright."));
        ModelFace best = enrolled.getFirst();
        float bestSimilarity = -1;
        for (ModelFace face : enrolled) {
            float similarity = probe.embedding().similarity(face.embedding());
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = face;
            }
        }
        float threshold = model.thresholds().at(operatingPoint);
        return new Verification(
                bestSimilarity, bestSimilarity >= threshold, threshold, modelId, probe.face(), best.id());
    }

    /** A face of the person with its embedding by the model verified with. */
    private record ModelFace(UUID id, Embedding embedding) {}

    /**
     * @param similarity the best cosine similarity between the photo's face and the person's faces
     * @param bestFaceId the enrolled face that matched best
     */
    public record Verification(
            float similarity, boolean match, float threshold, String modelId, DetectedFace face, UUID bestFaceId) {}
}
