package dev.facerec.api.rest.person;

import static dev.facerec.api.http.policy.Access.Level.OPERATOR;
import static dev.facerec.api.http.policy.Access.Level.VIEWER;
import static dev.facerec.api.http.policy.GalleryScope.Source.PERSON_IN_PATH;

import dev.facerec.api.http.audit.AuditDetails;
import dev.facerec.api.http.error.MissingFieldException;
import dev.facerec.api.http.error.NamesInvalidFields;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.Idempotent;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.api.http.security.Caller;
import dev.facerec.api.rest.gallery.BoxView;
import dev.facerec.api.rest.gallery.ErasureReceiptView;
import dev.facerec.api.rest.paging.PageView;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.OperatingPoint;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.usecase.DeleteFace;
import dev.facerec.core.usecase.EnrollFace;
import dev.facerec.core.usecase.FaceImage;
import dev.facerec.core.usecase.ListFaces;
import dev.facerec.core.usecase.VerifyPerson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A person's enrolled faces, their stored photos, and 1:1 verification against them. */
@GalleryScope(value = PERSON_IN_PATH, name = "personId")
@NamesInvalidFields
@RestController
@RequestMapping("/api/v1/persons/{personId}")
class PersonFaceController {
    private final EnrollFace enrollFace;
    private final ListFaces listFaces;
    private final DeleteFace deleteFace;
    private final FaceImage faceImage;
    private final VerifyPerson verifyPerson;

    PersonFaceController(
            EnrollFace enrollFace,
            ListFaces listFaces,
            DeleteFace deleteFace,
            FaceImage faceImage,
            VerifyPerson verifyPerson) {
        this.enrollFace = enrollFace;
        this.listFaces = listFaces;
        this.deleteFace = deleteFace;
        this.faceImage = faceImage;
        this.verifyPerson = verifyPerson;
    }

    @Operation(summary = "Enrol a face of the person from a photo", operationId = "enrollFace")
    @Access(OPERATOR)
    @Audited("face.enroll")
    @Idempotent
    @PostMapping("/faces")
    ResponseEntity<EnrolledFaceView> enroll(
            @PathVariable UUID personId,
            @RequestPart(name = "image", required = false) @Nullable MultipartFile image,
            @RequestParam(name = "box", required = false) @Nullable String box,
            HttpServletRequest request)
            throws IOException {
        EnrolledFace face = enrollFace.enroll(Caller.currentActor(), personId, bytes(image), FaceBox.parse(box));
        AuditDetails.gallery(request, face.galleryId());
        return ResponseEntity.created(URI.create("/api/v1/persons/" + personId + "/faces/" + face.id()))
                .body(EnrolledFaceView.of(face));
    }

    @Operation(summary = "List the person's enrolled faces", operationId = "listFaces")
    @Access(OPERATOR)
    @Audited("face.list")
    @GetMapping("/faces")
    PageView<EnrolledFaceView> list(@PathVariable UUID personId, PageRequest page) {
        return PageView.of(listFaces.list(Caller.currentActor(), personId, page), EnrolledFaceView::of);
    }

    /** Erases the face and answers with the receipt. */
    @Operation(summary = "Erase one enrolled face (answers the erasure receipt)", operationId = "deleteFace")
    @Access(OPERATOR)
    @Audited("face.delete")
    @DeleteMapping("/faces/{faceId}")
    ErasureReceiptView delete(@PathVariable UUID personId, @PathVariable UUID faceId) {
        return ErasureReceiptView.of(deleteFace.delete(Caller.currentActor(), personId, faceId));
    }

    /** The photo as enrolled. Biometric data: no cache on the way may keep it. */
    @Operation(
            summary = "Get the photo a face was enrolled from",
            operationId = "getFaceImage",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The photo as enrolled, in its own format",
                            content =
                                    @Content(
                                            mediaType = "image/*",
                                            schema = @Schema(type = "string", format = "binary"))))
    @Access(OPERATOR)
    @Audited("face.image.read")
    @GetMapping("/faces/{faceId}/image")
    ResponseEntity<byte[]> image(@PathVariable UUID personId, @PathVariable UUID faceId) {
        FaceImage.StoredImage image = faceImage.get(Caller.currentActor(), personId, faceId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(image.mediaType()))
                .cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff")
                .body(image.bytes());
    }

    @Operation(summary = "Verify that a photo shows the person (1:1)", operationId = "verifyPerson")
    @Access(VIEWER)
    @Audited("person.verify")
    @NotIdempotent("reads a photo and changes nothing: a retry answers the same")
    @PostMapping("/verify")
    VerifyView verify(
            @PathVariable UUID personId,
            @RequestPart(name = "image", required = false) @Nullable MultipartFile image,
            @RequestParam(name = "operatingPoint", defaultValue = "standard") String operatingPoint)
            throws IOException {
        OperatingPoint point = operatingPoint(operatingPoint);
        VerifyPerson.Verification result = verifyPerson.verify(Caller.currentActor(), personId, bytes(image), point);
        return new VerifyView(
                BoxView.score(result.similarity()),
                result.match(),
                BoxView.score(result.threshold()),
                result.modelId(),
                result.bestFaceId(),
                BoxView.of(result.face().box()));
    }

    static byte[] bytes(@Nullable MultipartFile file) throws IOException {
        if (file == null) {
            throw MissingFieldException.imageField("image");
        }
        return file.getBytes();
    }

    private static OperatingPoint operatingPoint(String value) {
        try {
            return OperatingPoint.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "operatingPoint must be standard or strict.",
                    Map.of("field", "operatingPoint", "allowed", List.of("standard", "strict")));
        }
    }

    record EnrolledFaceView(
            UUID id,
            UUID personId,
            UUID galleryId,
            BoxView box,
            double score,
            double quality,
            String model,
            Instant createdAt) {
        static EnrolledFaceView of(EnrolledFace face) {
            return new EnrolledFaceView(
                    face.id(),
                    face.personId(),
                    face.galleryId(),
                    BoxView.of(face.face().box()),
                    BoxView.score(face.face().score()),
                    BoxView.score(face.quality()),
                    face.modelId(),
                    face.createdAt());
        }
    }

    /** @param bestFaceId the enrolled face that matched best */
    record VerifyView(double similarity, boolean match, double threshold, String model, UUID bestFaceId, BoxView box) {}
}
