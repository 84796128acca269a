package dev.facerec.api.rest.job;

import static dev.facerec.api.http.policy.Access.Level.OPERATOR;
import static dev.facerec.api.http.policy.GalleryScope.Source.CHECKED_BY_HANDLER;
import static dev.facerec.api.http.policy.GalleryScope.Source.GALLERY_IN_PARAMETER;

import dev.facerec.api.http.audit.AuditDetails;
import dev.facerec.api.http.error.MissingFieldException;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.Idempotent;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.api.http.security.Caller;
import dev.facerec.api.rest.paging.PageView;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.job.EnrollmentJob;
import dev.facerec.core.job.EnrollmentJobs;
import dev.facerec.core.person.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Bulk enrolment jobs: the photos of a ZIP archive, or of a prefix of the S3 bucket (a folder per person, or a
 * manifest), are checked whole and enrolled in the background; the job shows its progress, its per-photo outcomes and
 * may be cancelled.
 */
@Access(OPERATOR)
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {
    private final EnrollmentJobs jobs;
    private final JobProgress progress;
    private final Clock clock;

    JobController(EnrollmentJobs jobs, Clock clock) {
        this.jobs = jobs;
        this.progress = new JobProgress(jobs, clock);
        this.clock = clock;
    }

    @Operation(
            summary = "Enrol the photos of a ZIP archive or of an S3 prefix into a gallery, in the background",
            description = "Send exactly one of 'archive' (a ZIP file) and 's3Prefix' (a folder of the deployment's S3"
                    + " bucket under JOBS_S3_IMPORT_PREFIX, listed once now: the job enrols those photos). Either"
                    + " holds a folder per person or a manifest.csv (name,externalId,file). The source is checked"
                    + " whole before the job is queued.",
            operationId = "createEnrollmentJob")
    @Audited("job.create")
    @Idempotent
    @GalleryScope(value = GALLERY_IN_PARAMETER, name = "galleryId")
    @PostMapping(path = "/enrollments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<JobView> create(
            @RequestParam(name = "galleryId", required = false) @Nullable UUID galleryId,
            @RequestPart(name = "archive", required = false) @Nullable MultipartFile archive,
            @Parameter(
                            description = "A folder of the S3 bucket under the import root, e.g. imports/staff/;"
                                    + " instead of 'archive'")
                    @RequestParam(name = "s3Prefix", required = false)
                    @Nullable
                    String s3Prefix,
            HttpServletRequest http)
            throws IOException {
        if (galleryId == null) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "The form field 'galleryId' is required.",
                    Map.of("field", "galleryId"));
        }
        if (archive != null && s3Prefix != null) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "Send either a ZIP file in the field 'archive' or a folder of the S3 bucket in the field"
                            + " 's3Prefix', not both.",
                    Map.of("field", "s3Prefix", "reason", "two_sources"));
        }
        if (archive == null && s3Prefix == null) {
            throw new MissingFieldException(
                    "archive",
                    "Send the photos as a ZIP file in the multipart field 'archive', or name a folder of the S3"
                            + " bucket in the field 's3Prefix'.");
        }
        AuditDetails.gallery(http, galleryId);
        if (s3Prefix != null) {
            return accepted(jobs.submitPrefix(Caller.currentActor(), galleryId, s3Prefix));
        }
        Path staged = Files.createTempFile("facerec-job-", ".zip");
        try {
            // The part is already spooled to disk; this moves (or copies) it, streamed.
            archive.transferTo(staged);
            return accepted(jobs.submit(Caller.currentActor(), galleryId, staged));
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private ResponseEntity<JobView> accepted(EnrollmentJob job) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/jobs/" + job.id()))
                .body(JobView.of(job, clock.instant()));
    }

    @Operation(summary = "Get a job: state, counts, photos per second and time left", operationId = "getJob")
    @Audited("job.read")
    @GalleryScope(CHECKED_BY_HANDLER)
    @GetMapping("/{id}")
    JobView get(@PathVariable UUID id) {
        return JobView.of(jobs.get(Caller.currentActor(), id), clock.instant());
    }

    @Operation(
            summary = "List a job's per-photo outcomes, in the order they were recorded",
            operationId = "listJobItems")
    @Audited("job.items")
    @GalleryScope(CHECKED_BY_HANDLER)
    @GetMapping("/{id}/items")
    PageView<JobItemView> items(@PathVariable UUID id, PageRequest page) {
        return PageView.of(jobs.items(Caller.currentActor(), id, page), JobItemView::of);
    }

    @Operation(summary = "Cancel a job; photos enrolled so far stay enrolled", operationId = "cancelJob")
    @Audited("job.cancel")
    @NotIdempotent("cancels once: a retry answers 409 with the job's final state")
    @GalleryScope(CHECKED_BY_HANDLER)
    @PostMapping("/{id}/cancel")
    JobView cancel(@PathVariable UUID id) {
        return JobView.of(jobs.cancel(Caller.currentActor(), id), clock.instant());
    }

    @Operation(summary = "Follow a job's progress as Server-Sent Events until it ends", operationId = "jobEvents")
    @Audited("job.events")
    @GalleryScope(CHECKED_BY_HANDLER)
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable UUID id) {
        var actor = Caller.currentActor();
        jobs.get(actor, id);
        return progress.follow(actor, id);
    }
}
