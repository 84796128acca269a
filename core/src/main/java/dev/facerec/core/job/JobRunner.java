package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.BackgroundWork;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.RequestDeadline;
import dev.facerec.core.access.Actor;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.event.JobFinished;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.usecase.EnrollFace;
import dev.facerec.core.usecase.ManagePersons;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Runs enrolment jobs on one replica: claims a queued job (or one whose runner's lease lapsed), enrols its photos that
 * have no recorded outcome yet, in the order of its items, recording each outcome as it goes, and renews its lease while it
 * works. It commits one photo at a time while it computes the face of the next (see {@link #work}).
 * It stops without finishing when it loses the lease (the job was cancelled, or another replica took it over). A job
 * that ends raises {@link JobFinished}.
 *
 * <p>The photos come from the job's {@link JobSource}, which gives the same items every time. A crash at any point
 * loses nothing and enrols nothing twice: unrecorded photos are done again by whoever claims the job next, and
 * {@link ItemEnrolment} recognises a photo whose enrolment committed before its outcome was recorded.
 */
public final class JobRunner {
    private static final System.Logger log = System.getLogger(JobRunner.class.getName());

    private final String replica;
    private final JobRepository jobs;
    private final JobSources sources;
    private final EnrollFace enroll;
    private final ManagePersons managePersons;
    private final PersonRepository persons;
    private final FaceRepository faces;
    private final Duration lease;
    private final Clock clock;
    private final DomainEvents events;

    /** @param replica this replica's name, unique among the replicas sharing the database */
    public JobRunner(
            String replica,
            JobRepository jobs,
            JobSources sources,
            EnrollFace enroll,
            ManagePersons managePersons,
            PersonRepository persons,
            FaceRepository faces,
            Duration lease,
            Clock clock,
            DomainEvents events) {
        this.replica = requireNonNull(replica, "replica is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.enroll = requireNonNull(enroll, "enroll is null");
        this.managePersons = requireNonNull(managePersons, "managePersons is null");
        this.persons = requireNonNull(persons, "persons is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.lease = requireNonNull(lease, "lease is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.events = requireNonNull(events, "events is null");
        if (lease.toMillis() < 1000) {
            throw new IllegalArgumentException("lease must be at least a second");
        }
    }

    /** Claims and runs one job to its end (or until it loses the job); false when there was none to claim. */
    public boolean runOne() {
        Instant now = clock.instant();
        return jobs.claim(replica, now, now.plus(lease)).map(this::run).isPresent();
    }

    private EnrollmentJob run(EnrollmentJob job) {
        try (JobPhotos photos = sources.of(job.source()).open(job)) {
            if (!work(job, photos)) {
                return job;
            }
        } catch (FaceException | UncheckedIOException e) {
            if (e instanceof FaceException f && f.code() == FaceErrorCode.UNAVAILABLE) {
                throw f; // the lease lapses, and the job is tried again, here or elsewhere
            }
            end(job, JobState.FAILED, "The job's photos cannot be read: " + e.getMessage());
            return job;
        }
        end(job, JobState.SUCCEEDED, null);
        return job;
    }

    /**
     * Whether every item has an outcome; false when the runner lost the job on the way or was interrupted (the
     * service is stopping: the item in hand is not recorded, and whoever claims the job next does it again).
     *
     * <p>While the runner commits a photo, a {@link LookAhead} reads the next one and computes its face, so the models
     * and the writes overlap. The job's model runs are {@link BackgroundWork}: one core each, never all of them. After
     * a duplicate the runner stops looking ahead until a photo is new again: the faces of a job run again are not
     * computed for nothing.
     */
    private boolean work(EnrollmentJob job, JobPhotos photos) {
        Actor actor = new Actor(job.owner(), job.ownerRole());
        Set<String> done = jobs.recordedPaths(job.id());
        List<ArchiveItem> pending = photos.items().stream()
                .filter(item -> !done.contains(item.path()))
                .toList();
        ItemEnrolment enrolment = new ItemEnrolment(enroll, managePersons, persons, faces, jobs, clock);
        Duration renewEvery =
                lease.dividedBy(3).compareTo(Duration.ofSeconds(1)) < 0 ? lease.dividedBy(3) : Duration.ofSeconds(1);
        Instant renewed = clock.instant();
        boolean lookAhead = true;
        try (RequestDeadline.Scope background = BackgroundWork.enter();
                LookAhead ahead = new LookAhead("enrollment-job-look-ahead")) {
            for (int i = 0; i < pending.size(); i++) {
                Instant now = clock.instant();
                if (!now.isBefore(renewed.plus(renewEvery))) {
                    if (!jobs.renew(job.id(), replica, now.plus(lease))) {
                        stopped(job);
                        return false;
                    }
                    renewed = now;
                }
                Photo photo = ahead.started() ? ahead.take() : ItemEnrolment.read(pending.get(i), photos);
                if (lookAhead && i + 1 < pending.size()) {
                    ArchiveItem next = pending.get(i + 1);
                    ahead.start(() -> {
                        try (RequestDeadline.Scope marked = BackgroundWork.enter()) {
                            return enrolment.compute(ItemEnrolment.read(next, photos));
                        }
                    });
                }
                JobItem outcome = enrolment.commit(job, actor, photo);
                if (Thread.currentThread().isInterrupted()) {
                    return interrupted(job);
                }
                jobs.record(outcome);
                lookAhead = outcome.outcome() != ItemOutcome.DUPLICATE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return interrupted(job);
        }
        return true;
    }

    private boolean interrupted(EnrollmentJob job) {
        log.log(System.Logger.Level.INFO, "Stopped job {0}: interrupted, it resumes once its lease lapses", job.id());
        return false;
    }

    private void stopped(EnrollmentJob job) {
        jobs.find(job.id())
                .filter(current -> current.state() == JobState.CANCELLED)
                .ifPresent(cancelled -> sources.release(cancelled));
        log.log(System.Logger.Level.INFO, "Stopped job {0}: cancelled or taken over", job.id());
    }

    private void end(EnrollmentJob job, JobState state, String failure) {
        Instant now = clock.instant();
        if (!jobs.finish(job.id(), replica, state, failure, now)) {
            stopped(job);
            return;
        }
        sources.release(job);
        jobs.find(job.id()).ifPresent(finished -> events.publish(finished(finished, now)));
    }

    static JobFinished finished(EnrollmentJob job, Instant now) {
        return new JobFinished(
                job.galleryId(),
                job.id(),
                job.state().name(),
                job.enrolled(),
                job.refused(),
                job.duplicate(),
                job.total(),
                now);
    }
}
