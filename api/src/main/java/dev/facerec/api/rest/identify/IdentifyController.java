package dev.facerec.api.rest.identify;

import static dev.facerec.api.http.policy.Access.Level.VIEWER;
import static dev.facerec.api.http.policy.GalleryScope.Source.GALLERY_IN_PARAMETER;

import dev.facerec.api.http.audit.AuditDetails;
import dev.facerec.api.http.error.MissingFieldException;
import dev.facerec.api.http.error.NamesInvalidFields;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.api.http.security.Caller;
import dev.facerec.api.rest.gallery.BoxView;
import dev.facerec.api.rest.gallery.WarningView;
import dev.facerec.core.account.Role;
import dev.facerec.core.usecase.IdentifyFaces;
import dev.facerec.core.usecase.IdentifyFaces.Disclosure;
import dev.facerec.core.usecase.IdentifyFaces.Identification;
import dev.facerec.core.usecase.IdentifyFaces.Outlook;
import dev.facerec.core.usecase.IdentifyFaces.PersonCandidate;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** 1:N identification: who are the people in a photo, among a gallery's persons. */
@NamesInvalidFields
@RestController
class IdentifyController {
    private static final String LIST_AUTHORITY = "ROLE_" + Role.OPERATOR.name();

    private final IdentifyFaces identifyFaces;

    IdentifyController(IdentifyFaces identifyFaces) {
        this.identifyFaces = identifyFaces;
    }

    /**
     * Callers below OPERATOR may not list a gallery's persons, so identification does not do it for them either: they
     * see only candidates near the threshold, and a threshold below the default is raised to it
     * ({@link Disclosure#NEAR_THRESHOLD}).
     *
     * @param threshold the similarity a match needs; absent for the default, which depends on the gallery's size
     */
    @Operation(summary = "Identify the faces in a photo among a gallery's persons (1:N)", operationId = "identify")
    @Access(VIEWER)
    @Audited("identify")
    @NotIdempotent("reads a photo and changes nothing: a retry answers the same")
    @GalleryScope(value = GALLERY_IN_PARAMETER, name = "galleryId")
    @PostMapping("/api/v1/identify")
    IdentifyView identify(
            @RequestPart(name = "image", required = false) @Nullable MultipartFile image,
            @RequestParam UUID galleryId,
            @RequestParam(defaultValue = "" + IdentifyFaces.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable Float threshold,
            HttpServletRequest request)
            throws IOException {
        AuditDetails.gallery(request, galleryId);
        if (image == null) {
            throw MissingFieldException.imageField("image");
        }
        return IdentifyView.of(identifyFaces.identify(
                Caller.currentActor(), galleryId, image.getBytes(), limit, threshold, disclosure()));
    }

    /** Everything for callers granted what listing persons needs (OPERATOR, which ADMIN includes). */
    private static Disclosure disclosure() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean mayList = caller != null
                && caller.getAuthorities().stream().anyMatch(granted -> LIST_AUTHORITY.equals(granted.getAuthority()));
        return mayList ? Disclosure.FULL : Disclosure.NEAR_THRESHOLD;
    }

    /**
     * @param decision {@code MARGIN} (the default: the best person must also stand out from the next ones) or {@code
     *     THRESHOLD} (the threshold the caller gave decides alone)
     * @param expectedFpir the share of people who are not enrolled expected to match someone at {@code threshold} in a
     *     gallery of this size
     * @param expectedTpir the share of enrolled people expected to reach {@code threshold} with their own face;
     *     {@code null} when the recognition model ships no genuine score quantiles
     * @param warnings what the operator should know about identification at this size and threshold
     */
    record IdentifyView(
            String model,
            double threshold,
            String decision,
            double expectedFpir,
            @Nullable Double expectedTpir,
            List<WarningView> warnings,
            List<FaceView> faces) {
        static IdentifyView of(Identification result) {
            Outlook outlook = result.outlook();
            return new IdentifyView(
                    result.modelId(),
                    BoxView.score(result.threshold()),
                    outlook.decision(),
                    BoxView.rate(outlook.expectedFpir()),
                    BoxView.rate(outlook.expectedTpir()),
                    WarningView.of(outlook.warnings()),
                    result.faces().stream()
                            .map(face -> new FaceView(
                                    BoxView.of(face.face().box()),
                                    BoxView.score(face.face().score()),
                                    face.candidates().stream()
                                            .map(CandidateView::of)
                                            .toList(),
                                    face.match() == null ? null : CandidateView.of(face.match())))
                            .toList());
        }
    }

    /** @param match the best candidate when it reaches the threshold; {@code null} for an unknown face */
    record FaceView(
            BoxView box,
            double score,
            List<CandidateView> candidates,
            @Nullable CandidateView match) {}

    /**
     * @param similarity the recognizer's raw cosine similarity
     * @param confidence in [0, 1]: the probability that a stranger would not reach {@code similarity} anywhere in a
     *     gallery of this size, {@code (1 - FMR(similarity))^N} from the model's calibration
     */
    record CandidateView(
            UUID personId, String name, String externalId, UUID faceId, double similarity, double confidence) {
        static CandidateView of(PersonCandidate candidate) {
            return new CandidateView(
                    candidate.personId(),
                    candidate.name(),
                    candidate.externalId(),
                    candidate.faceId(),
                    BoxView.score(candidate.similarity()),
                    BoxView.rate(candidate.confidence()));
        }
    }
}
