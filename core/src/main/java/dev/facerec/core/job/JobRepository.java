package dev.facerec.core.job;

import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Durable storage of enrolment jobs and their per-photo results, shared by every replica. Each call is its own
 * transaction; implementations are thread-safe.
 *
 * <p>A job runs on one replica at a time: {@link #claim} hands a job to exactly one caller (a conditional update), and
 * the holder keeps it by {@link #renew}ing its lease before {@code leaseUntil}. A replica that dies stops renewing,
 * and once its lease has lapsed another replica's claim takes the job over.
 */
public interface JobRepository {
    /** Saves a new job. */
    default EnrollmentJob create(EnrollmentJob job) {
        return create(job, List.of());
    }

    /**
     * Saves a new job with the photos listed for it (a job from an S3 prefix), in one transaction: no runner claims the
     * job before its photos are stored.
     */
    EnrollmentJob create(EnrollmentJob job, List<ListedPhoto> photos);

    /** The photos stored with the job, in the order they were given; empty for a job stored without. */
    List<ListedPhoto> listedPhotos(UUID jobId);

    Optional<EnrollmentJob> find(UUID id);

    /**
     * Gives one job to {@code leaseOwner}: the oldest QUEUED job, or else a RUNNING job whose lease lapsed before
     * {@code now}. The job becomes RUNNING with the lease until {@code leaseUntil} ({@code startedAt} is set on its
     * first claim only). Two callers never get the same job for overlapping leases.
     */
    Optional<EnrollmentJob> claim(String leaseOwner, Instant now, Instant leaseUntil);

    /**
     * Extends the lease of a job {@code leaseOwner} holds. False when the caller no longer holds it (another replica
     * took it over, or it was cancelled): the caller must then stop working on it.
     */
    boolean renew(UUID jobId, String leaseOwner, Instant leaseUntil);

    /**
     * Records one item's outcome and adds it to the job's counts, in one transaction. Recording the same path of the
     * same job again changes nothing and returns false.
     */
    boolean record(JobItem item);

    /** The paths of the job's items with a recorded outcome. */
    Set<String> recordedPaths(UUID jobId);

    /** Whether an item of the job records this face as enrolled or duplicate. */
    boolean recordsFace(UUID jobId, UUID faceId);

    /** A page of the job's items in the order they were recorded, with the number of recorded items as the total. */
    Page<JobItem> items(UUID jobId, PageRequest request);

    /**
     * Ends a RUNNING job {@code leaseOwner} holds with a final state. False (and nothing changed) when it does not
     * hold it.
     */
    boolean finish(UUID jobId, String leaseOwner, JobState state, String failure, Instant now);

    /** Cancels a job that is not final yet; false if it was final already or does not exist. */
    boolean cancel(UUID jobId, Instant now);
}
