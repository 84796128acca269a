package dev.facerec.api.rest.gallery;

import static dev.facerec.api.http.policy.Access.Level.OPERATOR;
import static dev.facerec.api.http.policy.GalleryScope.Source.CHECKED_BY_HANDLER;
import static dev.facerec.api.http.policy.GalleryScope.Source.GALLERY_IN_PATH;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.facerec.api.http.error.MissingFieldException;
import dev.facerec.api.http.error.NamesInvalidFields;
import dev.facerec.api.http.error.PatchFields;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.Idempotent;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.api.http.security.Caller;
import dev.facerec.api.rest.paging.PageView;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.usecase.IdentifyFaces;
import dev.facerec.core.usecase.ManageGalleries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Galleries: the collections identification searches within. */
@Access(OPERATOR)
@NamesInvalidFields
@RestController
@RequestMapping("/api/v1/galleries")
class GalleryController {
    private final ManageGalleries galleries;
    private final IdentifyFaces identifyFaces;

    GalleryController(ManageGalleries galleries, IdentifyFaces identifyFaces) {
        this.galleries = galleries;
        this.identifyFaces = identifyFaces;
    }

    @Operation(summary = "Create a gallery", operationId = "createGallery")
    @Audited("gallery.create")
    @Idempotent
    @GalleryScope(NONE)
    @PostMapping
    ResponseEntity<GalleryView> create(@Valid @RequestBody CreateGallery request) {
        Gallery gallery = galleries.create(Caller.currentActor(), request.name().strip(), request.retentionDays());
        return ResponseEntity.created(URI.create("/api/v1/galleries/" + gallery.id()))
                .body(view(gallery));
    }

    /** The galleries the caller may use, by name; restricted ones of other callers are left out before paging. */
    @Operation(summary = "List the galleries the caller may use", operationId = "listGalleries")
    @Audited("gallery.list")
    @GalleryScope(CHECKED_BY_HANDLER)
    @GetMapping
    PageView<GalleryView> list(PageRequest page) {
        return PageView.of(galleries.list(Caller.currentActor(), page), this::view);
    }

    @Operation(summary = "Get a gallery", operationId = "getGallery")
    @Audited("gallery.read")
    @GalleryScope(value = GALLERY_IN_PATH, name = "id")
    @GetMapping("/{id}")
    GalleryView get(@PathVariable UUID id) {
        return view(galleries.get(Caller.currentActor(), id));
    }

    /**
     * Sets or, with {@code "retentionDays": null}, clears the retention. The field must be present so that an empty
     * body cannot lift a retention by accident.
     */
    @Operation(summary = "Set or clear a gallery's retention", operationId = "updateGallery")
    @Audited("gallery.update")
    @NotIdempotent("sets the fields it names: a retry changes nothing more")
    @GalleryScope(value = GALLERY_IN_PATH, name = "id")
    @PatchMapping("/{id}")
    GalleryView update(@PathVariable UUID id, @RequestBody UpdateGallery request) {
        PatchFields.refuseOthers(request.others(), UpdateGallery.CHANGEABLE, UpdateGallery.READ_ONLY);
        return view(galleries.setRetention(Caller.currentActor(), id, request.days()));
    }

    /** Erases the gallery with everything in it and answers with the receipt. */
    @Operation(
            summary = "Erase a gallery with everything in it (answers the erasure receipt)",
            operationId = "deleteGallery")
    @Audited("gallery.delete")
    @GalleryScope(value = GALLERY_IN_PATH, name = "id")
    @DeleteMapping("/{id}")
    ErasureReceiptView delete(@PathVariable UUID id) {
        return ErasureReceiptView.of(galleries.delete(Caller.currentActor(), id));
    }

    private GalleryView view(Gallery gallery) {
        Actor actor = Caller.currentActor();
        int faces = galleries.searchableFaces(actor, gallery.id());
        return GalleryView.of(gallery, faces, identifyFaces.outlook(actor, gallery.id(), faces));
    }

    record CreateGallery(
            @NotBlank @Size(max = 200) String name,
            @Min(1) @Max(Gallery.MAX_RETENTION_DAYS) Integer retentionDays) {}

    /**
     * Jackson gives a JSON null as a null node and an absent field as null, which tells clearing from forgetting. Any
     * other field is refused ({@code others}) rather than ignored.
     */
    record UpdateGallery(
            @Schema(
                    types = {"integer", "null"},
                    minimum = "1",
                    maximum = "" + Gallery.MAX_RETENTION_DAYS,
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "Days a face is kept after enrolment; null keeps faces")
            JsonNode retentionDays,

            @Schema(hidden = true) @JsonAnySetter Map<String, JsonNode> others) {
        static final List<String> CHANGEABLE = List.of("retentionDays");
        static final Map<String, String> READ_ONLY = Map.of(
                "name",
                "a gallery keeps the name it was created with.",
                "id",
                "it is set by the service.",
                "createdAt",
                "it is set by the service.");

        Integer days() {
            if (retentionDays == null) {
                throw new MissingFieldException(
                        "retentionDays",
                        "The field 'retentionDays' is missing: send a number of days, or null to keep faces.");
            }
            if (retentionDays.isNull()) {
                return null;
            }
            if (!retentionDays.isIntegralNumber() || !retentionDays.canConvertToInt()) {
                throw new FaceException(
                        FaceErrorCode.INVALID_REQUEST, "The field 'retentionDays' must be a whole number of days.");
            }
            return retentionDays.intValue();
        }
    }

    /**
     * @param faces the faces identification searches in the gallery (those of the current recognition model)
     * @param threshold the default identification threshold for this many faces
     * @param expectedFpir the share of people who are not enrolled expected to match someone at that threshold
     * @param expectedTpir the share of enrolled people expected to reach it with their own face; {@code null} when
     *     the recognition model ships no genuine score quantiles
     * @param warnings what the operator should know about identification at this size; empty when the target holds
     */
    record GalleryView(
            UUID id,
            String name,
            Instant createdAt,
            Integer retentionDays,
            int faces,
            double threshold,
            double expectedFpir,
            @Nullable Double expectedTpir,
            List<WarningView> warnings) {
        static GalleryView of(Gallery gallery, int faces, IdentifyFaces.Outlook outlook) {
            return new GalleryView(
                    gallery.id(),
                    gallery.name(),
                    gallery.createdAt(),
                    gallery.retentionDays(),
                    faces,
                    BoxView.score(outlook.threshold()),
                    BoxView.rate(outlook.expectedFpir()),
                    BoxView.rate(outlook.expectedTpir()),
                    WarningView.of(outlook.warnings()));
        }
    }
}
