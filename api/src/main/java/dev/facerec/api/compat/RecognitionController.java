package dev.facerec.api.compat;

import static dev.facerec.api.http.policy.Access.Level.VIEWER;
import static dev.facerec.api.http.policy.GalleryScope.Source.CHECKED_BY_HANDLER;
import static java.util.Objects.requireNonNull;

import dev.facerec.api.compat.FaceJson.Box;
import dev.facerec.api.compat.FaceJson.RecognizedFace;
import dev.facerec.api.compat.FaceJson.Result;
import dev.facerec.api.compat.FaceJson.SubjectSimilarity;
import dev.facerec.api.compat.FaceJson.VerifiedFace;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.core.cache.EmbeddingCache.AnalysedFace;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.face.SimilarityScale;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.usecase.AnalyseFaces;
import dev.facerec.core.usecase.IdentifyFaces;
import dev.facerec.core.usecase.IdentifyFaces.IdentifiedFace;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * CompreFace's recognition: who are the faces in a photo, among the subjects of the key's face collection, and how
 * alike is each face to one stored example. Similarities are on the recognizer's calibrated scale (0.8 at its
 * standard operating point, false match rate 1e-3), so the thresholds CompreFace's clients apply keep their meaning.
 */
@RestController
@RequestMapping(CompreFacePaths.RECOGNITION)
class RecognitionController {
    private final IdentifyFaces identify;
    private final AnalyseFaces analyse;
    private final FaceCollection collection;

    RecognitionController(IdentifyFaces identify, AnalyseFaces analyse, FaceCollection collection) {
        this.identify = requireNonNull(identify, "identify is null");
        this.analyse = requireNonNull(analyse, "analyse is null");
        this.collection = requireNonNull(collection, "collection is null");
    }

    /**
     * The nearest subjects of each face, best first, up to {@code prediction_count} subjects (CompreFace counts
     * examples, so one subject could fill its list; here each subject appears once). A key that may not list the
     * gallery (role VIEWER) sees only subjects near or above the gallery's decision threshold.
     */
    @Access(VIEWER)
    @Audited("compreface.recognize")
    @NotIdempotent("reads a photo and changes nothing: a retry answers the same")
    @GalleryScope(CHECKED_BY_HANDLER)
    @PostMapping("/recognize")
    Result<RecognizedFace> recognize(HttpServletRequest request) {
        CompreFaceCaller caller = CompreFaceCaller.current();
        FaceCollection.Of c = collection.of(caller);
        FaceOptions options = FaceOptions.of(FaceOptions.parameters(request));
        byte[] photo = new ImageInput(request).image("file", "content");
        long start = System.nanoTime();
        // What the key's role may see of the gallery: a VIEWER only subjects near or above the decision threshold.
        IdentifyFaces.Identification found = identify.identify(
                c.actor(), c.gallery(), photo, Math.min(options.predictionCount(), IdentifyFaces.MAX_LIMIT), null);
        List<IdentifiedFace> faces = FaceJson.largestFirst(found.faces(), IdentifiedFace::face, options);
        if (faces.isEmpty()) {
            throw CompreFaceException.noFace();
        }
        Map<BoundingBox, Embedding> embeddings = options.calculator() ? embeddings(photo) : Map.of();
        Map<String, Double> took = FaceJson.executionTime(options, start);
        SimilarityScale scale = analyse.model().similarityScale();
        List<RecognizedFace> result = faces.stream()
                .map(face -> new RecognizedFace(
                        Box.of(face.face(), true),
                        face.candidates().stream()
                                .limit(options.predictionCount())
                                .map(candidate -> new SubjectSimilarity(
                                        candidate.name(), FaceJson.round5(scale.similarity(candidate.similarity()))))
                                .toList(),
                        FaceJson.landmarks(face.face(), options),
                        FaceJson.embedding(embeddings.get(face.face().box()), options),
                        took))
                .toList();
        return new Result<>(result, FaceJson.versions(options, found.modelId()));
    }

    /**
     * How alike each face of the photo is to one stored example. An example that is not in the collection gives
     * similarity 0 and subject {@code ""}, as CompreFace answers it.
     */
    @Access(VIEWER)
    @Audited("compreface.example.verify")
    @NotIdempotent("reads a photo and changes nothing: a retry answers the same")
    @GalleryScope(CHECKED_BY_HANDLER)
    @PostMapping("/faces/{imageId}/verify")
    Result<VerifiedFace> verify(@PathVariable UUID imageId, HttpServletRequest request) {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        FaceOptions options = FaceOptions.of(FaceOptions.parameters(request));
        byte[] photo = new ImageInput(request).image("file", "content");
        long start = System.nanoTime();
        List<AnalysedFace> faces = FaceJson.largestFirst(analyse.analyse(photo), AnalysedFace::face, options);
        Map<String, Double> took = FaceJson.executionTime(options, start);
        if (faces.isEmpty()) {
            throw CompreFaceException.noFace();
        }
        Optional<EnrolledFace> example = analyse.storedFace(c.actor(), c.gallery(), imageId);
        String subject = example.map(
                        face -> collection.person(c, face.personId()).name())
                .orElse("");
        RecognitionModel model = analyse.model();
        SimilarityScale scale = model.similarityScale();
        List<VerifiedFace> result = faces.stream()
                .map(face -> new VerifiedFace(
                        Box.of(face.face(), true),
                        subject,
                        example.map(stored -> FaceJson.round5(scale.similarity(
                                        AnalyseFaces.similarity(model, face.embedding(), stored.embedding()))))
                                .orElse(0.0),
                        FaceJson.landmarks(face.face(), options),
                        FaceJson.embedding(face.embedding(), options),
                        took))
                .toList();
        return new Result<>(result, FaceJson.versions(options, analyse.model().id()));
    }

    /** The embeddings of the photo's usable faces by box: the same analysis identification made, from its cache. */
    private Map<BoundingBox, Embedding> embeddings(byte[] photo) {
        Map<BoundingBox, Embedding> embeddings = new HashMap<>();
        for (AnalysedFace face : analyse.analyse(photo)) {
            embeddings.put(face.face().box(), face.embedding());
        }
        return embeddings;
    }
}
