package dev.facerec.api.compat;

import static dev.facerec.api.http.policy.Access.Level.VIEWER;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;
import static java.util.Objects.requireNonNull;

import dev.facerec.api.compat.FaceJson.Box;
import dev.facerec.api.compat.FaceJson.DetectedFaceJson;
import dev.facerec.api.compat.FaceJson.MatchedFace;
import dev.facerec.api.compat.FaceJson.Result;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.core.cache.EmbeddingCache.AnalysedFace;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.face.SimilarityScale;
import dev.facerec.core.usecase.AnalyseFaces;
import dev.facerec.core.usecase.DetectFaces;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * CompreFace's detection and verification services: where the faces of a photo are, and how alike the one face of a
 * source photo is to each face of a target photo. They touch no gallery, so any key that may detect calls them,
 * bound to a gallery or not.
 */
@RestController
class DetectionController {
    private final DetectFaces detect;
    private final AnalyseFaces analyse;

    DetectionController(DetectFaces detect, AnalyseFaces analyse) {
        this.detect = requireNonNull(detect, "detect is null");
        this.analyse = requireNonNull(analyse, "analyse is null");
    }

    /** Every face found, largest first; with the {@code calculator} plugin, the embedding of each usable one. */
    @Access(VIEWER)
    @Audited("compreface.detect")
    @NotIdempotent("reads a photo and changes nothing: a retry answers the same")
    @GalleryScope(NONE)
    @PostMapping(CompreFacePaths.DETECTION + "/detect")
    Result<DetectedFaceJson> detect(HttpServletRequest request) {
        FaceOptions options = FaceOptions.of(FaceOptions.parameters(request));
        byte[] photo = new ImageInput(request).image("file", "content");
        long start = System.nanoTime();
        List<DetectedFace> faces = FaceJson.largestFirst(detect.detect(photo).faces(), face -> face, options);
        if (faces.isEmpty()) {
            throw CompreFaceException.noFace();
        }
        long detected = System.nanoTime();
        Map<BoundingBox, Embedding> embeddings = new HashMap<>();
        if (options.calculator()) {
            analyse.analyse(photo).forEach(face -> embeddings.put(face.face().box(), face.embedding()));
        }
        // Detection is a pass of its own here, so its time is CompreFace's "detector"; the calculator's pass decodes
        // and detects again (or finds the photo in the embedding cache) and embeds.
        Map<String, Double> timing = new LinkedHashMap<>();
        timing.put("detector", FaceJson.millis(detected - start));
        if (options.calculator()) {
            timing.put("calculator", FaceJson.millis(System.nanoTime() - detected));
        }
        Map<String, Double> took = options.status() ? timing : null;
        List<DetectedFaceJson> result = faces.stream()
                .map(face -> new DetectedFaceJson(
                        Box.of(face, false),
                        FaceJson.landmarks(face, options),
                        FaceJson.embedding(embeddings.get(face.box()), options),
                        took))
                .toList();
        return new Result<>(result, FaceJson.versions(options, analyse.model().id()));
    }

    /** One verification: the source's face, and each face of the target with its similarity, best first. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Verification(
            @com.fasterxml.jackson.annotation.JsonProperty("source_image_face")
            MatchedFace sourceImageFace,

            @com.fasterxml.jackson.annotation.JsonProperty("face_matches")
            List<MatchedFace> faceMatches,

            @com.fasterxml.jackson.annotation.JsonProperty("plugins_versions")
            Map<String, String> pluginsVersions) {}

    /**
     * The source photo must hold exactly one usable face (none: code 28; more: code 31); each face of the target is
     * compared with it. {@code result} holds exactly one element, as in CompreFace.
     */
    @Access(VIEWER)
    @Audited("compreface.verify")
    @NotIdempotent("reads photos and changes nothing: a retry answers the same")
    @GalleryScope(NONE)
    @PostMapping(CompreFacePaths.VERIFICATION + "/verify")
    Result<Verification> verify(HttpServletRequest request) {
        FaceOptions options = FaceOptions.of(FaceOptions.parameters(request));
        ImageInput input = new ImageInput(request);
        byte[] source = input.image("source_image", "sourceImageBase64");
        byte[] target = input.image("target_image", "targetImageBase64");
        long start = System.nanoTime();
        List<AnalysedFace> sources = FaceJson.largestFirst(analyse.analyse(source), AnalysedFace::face, options);
        if (sources.isEmpty()) {
            throw CompreFaceException.noFace();
        }
        if (sources.size() > 1) {
            throw CompreFaceException.moreThanOneFace();
        }
        List<AnalysedFace> targets = FaceJson.largestFirst(analyse.analyse(target), AnalysedFace::face, options);
        if (targets.isEmpty()) {
            throw CompreFaceException.noFace();
        }
        AnalysedFace one = sources.getFirst();
        Map<String, Double> took = FaceJson.executionTime(options, start);
        RecognitionModel model = analyse.model();
        SimilarityScale scale = model.similarityScale();
        List<MatchedFace> matches = targets.stream()
                .map(face -> new MatchedFace(
                        Box.of(face.face(), true),
                        FaceJson.round5(
                                scale.similarity(AnalyseFaces.similarity(model, one.embedding(), face.embedding()))),
                        FaceJson.landmarks(face.face(), options),
                        FaceJson.embedding(face.embedding(), options),
                        took))
                .sorted(Comparator.comparingDouble(MatchedFace::similarity).reversed())
                .toList();
        Map<String, String> versions =
                FaceJson.versions(options, analyse.model().id());
        return new Result<>(
                List.of(new Verification(
                        new MatchedFace(
                                Box.of(one.face(), true),
                                null,
                                FaceJson.landmarks(one.face(), options),
                                FaceJson.embedding(one.embedding(), options),
                                took),
                        matches,
                        versions == null ? null : new LinkedHashMap<>(versions))),
                null);
    }
}
