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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Submits, shows and cancels bulk enrolment jobs. A submission checks the caller's access to the gallery and the
 * whole archive ({@link ArchiveInspector}) before it keeps the archive and queues the job, so a hostile archive is
 * refused before any work starts; a {@link JobRunner} does the work later. Every operation applies
 * {@link GalleryAccess} to the job's gallery.
 */
public final class EnrollmentJobs {
    private final GalleryAccess access;
    private final GalleryRepository galleries;
    private final JobRepository jobs;
    private final ArchiveInspector inspector;
    private final ArchiveStore archives;
    private final Clock clock;
    private final DomainEvents events;

    public EnrollmentJobs(
            GalleryAccess access,
            GalleryRepository galleries,
            JobRepository jobs,
            ArchiveInspector inspector,
            ArchiveStore archives,
            Clock clock,
            DomainEvents events) {
        this.access = requireNonNull(access, "access is null");
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.inspector = requireNonNull(inspector, "inspector is null");
        this.archives = requireNonNull(archives, "archives is null");
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
        requireNonNull(actor, "actor is null");
        requireNonNull(staged, "staged is null");
        access.check(actor, requireNonNull(galleryId, "galleryId is null"));
        galleries.find(galleryId).orElseThrow(() -> notFound("gallery", galleryId));
        List<ArchiveItem> items = inspector.inspect(staged);
        if (items.isEmpty()) {
            throw ArchiveInspector.hostile("empty", "The archive holds no photo (JPEG, PNG, WebP, BMP or GIF).");
        }
        String key = archives.keep(staged);
        return jobs.create(EnrollmentJob.queued(
                UUID.randomUUID(), galleryId, actor.name(), actor.role(), key, items.size(), clock.instant()));
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
            archives.delete(job.archiveKey());
        }
        events.publish(JobRunner.finished(cancelled, now));
        return cancelled;
    }

    static FaceException notFound(String kind, UUID id) {
        return new FaceException(FaceErrorCode.NOT_FOUND, "There is no " + kind + " " + id + ".", Map.of("id", id));
    }
}
