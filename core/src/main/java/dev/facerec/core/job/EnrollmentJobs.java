package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Submits, shows and cancels bulk enrolment jobs. A submission checks the caller's access to the gallery and the whole
 * source (an archive: {@link ArchiveInspector}; an S3 prefix: {@link PrefixSource}) before it queues the job, so a
 * hostile source is refused before any work starts; a {@link JobRunner} does the work later. Every operation applies
 * {@link GalleryAccess} to the job's gallery.
 */
public final class EnrollmentJobs {
    private final GalleryAccess access;
    private final GalleryRepository galleries;
    private final JobRepository jobs;
    private final ArchiveSource archives;
    private final Optional<PrefixSource> prefixes;
    private final JobSources sources;
    private final Clock clock;
    private final DomainEvents events;

    public EnrollmentJobs(
            GalleryAccess access,
            GalleryRepository galleries,
            JobRepository jobs,
            ArchiveSource archives,
            Optional<PrefixSource> prefixes,
            Clock clock,
            DomainEvents events) {
        this.access = requireNonNull(access, "access is null");
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.archives = requireNonNull(archives, "archives is null");
        this.prefixes = requireNonNull(prefixes, "prefixes is null");
        this.sources = new JobSources(
                Stream.concat(Stream.of(archives), prefixes.stream()).toList());
        this.clock = requireNonNull(clock, "clock is null");
        this.events = requireNonNull(events, "events is null");
    }

    /**
     * Queues a job for the photos of the staged archive, which it moves into the {@link ArchiveStore}.
     *
     * @throws FaceException {@code FORBIDDEN}, {@code NOT_FOUND} for the gallery; the inspector's refusals;
     *     {@code INVALID_REQUEST} when the archive holds no photo
     */
    public EnrollmentJob submit(Actor actor, UUID galleryId, Path staged) {
        requireNonNull(staged, "staged is null");
        checkGallery(actor, galleryId);
        ArchiveSource.Kept kept = archives.keep(staged);
        return jobs.create(EnrollmentJob.queued(
                UUID.randomUUID(),
                galleryId,
                actor.name(),
                actor.role(),
                SourceKind.ARCHIVE,
                kept.key(),
                kept.photos(),
                clock.instant()));
    }

    /**
     * Queues a job for the photos under a prefix of the deployment's S3 bucket, as listed now: the job keeps the
     * listing, and works through those photos only.
     *
     * @throws FaceException {@code FORBIDDEN}, {@code NOT_FOUND} for the gallery; {@code CONFLICT} (reason
     *     {@code no_s3_storage}) when this deployment keeps no images in S3; the refusals of {@link PrefixSource#list}
     */
    public EnrollmentJob submitPrefix(Actor actor, UUID galleryId, String s3Prefix) {
        requireNonNull(s3Prefix, "s3Prefix is null");
        checkGallery(actor, galleryId);
        PrefixSource source = prefixes.orElseThrow(() -> new FaceException(
                FaceErrorCode.CONFLICT,
                "This deployment keeps its images in a local folder, so it has no S3 bucket to read a job from: set"
                        + " S3_ENDPOINT (and the other S3_* settings) to import from an S3 prefix, or upload a ZIP"
                        + " archive in the field 'archive'.",
                Map.of("field", "s3Prefix", "reason", "no_s3_storage")));
        PrefixSource.Listing listing = source.list(s3Prefix);
        EnrollmentJob job = EnrollmentJob.queued(
                UUID.randomUUID(),
                galleryId,
                actor.name(),
                actor.role(),
                SourceKind.S3_PREFIX,
                listing.prefix().value(),
                listing.photos().size(),
                clock.instant());
        return jobs.create(job, listing.photos());
    }

    private void checkGallery(Actor actor, UUID galleryId) {
        requireNonNull(actor, "actor is null");
        access.check(actor, requireNonNull(galleryId, "galleryId is null"));
        galleries.find(galleryId).orElseThrow(() -> notFound("gallery", galleryId));
    }

    /** @throws FaceException {@code NOT_FOUND}; {@code FORBIDDEN} if the job's gallery is restricted to others */
    public EnrollmentJob get(Actor actor, UUID jobId) {
        requireNonNull(actor, "actor is null");
        EnrollmentJob job = jobs.find(requireNonNull(jobId, "jobId is null")).orElseThrow(() -> notFound("job", jobId));
        access.check(actor, job.galleryId());
        return job;
    }

    /** @throws FaceException as {@link #get} */
    public Page<JobItem> items(Actor actor, UUID jobId, PageRequest request) {
        get(actor, jobId);
        return jobs.items(jobId, requireNonNull(request, "request is null"));
    }

    /**
     * Cancels a job that has not finished: a queued job never starts, a running one stops after the photo it is on.
     * Photos enrolled so far stay enrolled.
     *
     * @throws FaceException as {@link #get}; {@code CONFLICT} if the job has finished already
     */
    public EnrollmentJob cancel(Actor actor, UUID jobId) {
        EnrollmentJob job = get(actor, jobId);
        Instant now = clock.instant();
        if (!jobs.cancel(jobId, now)) {
            throw new FaceException(
                    FaceErrorCode.CONFLICT,
                    "The job " + jobId + " has finished already.",
                    Map.of("state", job.state().name()));
        }
        EnrollmentJob cancelled = jobs.find(jobId).orElseThrow(() -> notFound("job", jobId));
        if (job.state() == JobState.QUEUED) {
            sources.release(job);
        }
        events.publish(JobRunner.finished(cancelled, now));
        return cancelled;
    }

    static FaceException notFound(String kind, UUID id) {
        return new FaceException(FaceErrorCode.NOT_FOUND, "There is no " + kind + " " + id + ".", Map.of("id", id));
    }
}
