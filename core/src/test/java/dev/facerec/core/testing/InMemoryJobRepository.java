package dev.facerec.core.testing;

import dev.facerec.core.job.EnrollmentJob;
import dev.facerec.core.job.JobItem;
import dev.facerec.core.job.JobRepository;
import dev.facerec.core.job.JobState;
import dev.facerec.core.job.ListedPhoto;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Jobs in memory, with the repository's claim and lease rules; every method is one atomic step. */
public final class InMemoryJobRepository implements JobRepository {
    private final Map<UUID, EnrollmentJob> jobs = new LinkedHashMap<>();
    private final List<JobItem> items = new ArrayList<>();
    private final Map<UUID, List<ListedPhoto>> listed = new LinkedHashMap<>();

    @Override
    public synchronized EnrollmentJob create(EnrollmentJob job, List<ListedPhoto> photos) {
        jobs.put(job.id(), job);
        listed.put(job.id(), List.copyOf(photos));
        return job;
    }

    @Override
    public synchronized List<ListedPhoto> listedPhotos(UUID jobId) {
        return listed.getOrDefault(jobId, List.of());
    }

    @Override
    public synchronized Optional<EnrollmentJob> find(UUID id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized Optional<EnrollmentJob> claim(String leaseOwner, Instant now, Instant leaseUntil) {
        Optional<EnrollmentJob> claimable = jobs.values().stream()
                .filter(job -> job.state() == JobState.QUEUED
                        || (job.state() == JobState.RUNNING && job.leaseUntil().isBefore(now)))
                .min(Comparator.comparing(EnrollmentJob::createdAt));
        return claimable.map(job -> put(with(
                job,
                JobState.RUNNING,
                job.startedAt() == null ? now : job.startedAt(),
                null,
                leaseOwner,
                leaseUntil,
                null)));
    }

    @Override
    public synchronized boolean renew(UUID jobId, String leaseOwner, Instant leaseUntil) {
        EnrollmentJob job = jobs.get(jobId);
        if (job == null || job.state() != JobState.RUNNING || !leaseOwner.equals(job.leaseOwner())) {
            return false;
        }
        put(with(job, job.state(), job.startedAt(), null, leaseOwner, leaseUntil, null));
        return true;
    }

    @Override
    public synchronized boolean record(JobItem item) {
        if (items.stream()
                .anyMatch(i -> i.jobId().equals(item.jobId()) && i.path().equals(item.path()))) {
            return false;
        }
        items.add(item);
        EnrollmentJob job = jobs.get(item.jobId());
        int enrolled = job.enrolled();
        int refused = job.refused();
        int duplicate = job.duplicate();
        switch (item.outcome()) {
            case ENROLLED -> enrolled++;
            case REFUSED -> refused++;
            case DUPLICATE -> duplicate++;
        }
        put(new EnrollmentJob(
                job.id(),
                job.galleryId(),
                job.owner(),
                job.ownerRole(),
                job.state(),
                job.source(),
                job.sourceKey(),
                job.total(),
                enrolled,
                refused,
                duplicate,
                job.createdAt(),
                job.startedAt(),
                job.finishedAt(),
                job.leaseOwner(),
                job.leaseUntil(),
                job.failure()));
        return true;
    }

    @Override
    public synchronized Set<String> recordedPaths(UUID jobId) {
        return items.stream()
                .filter(i -> i.jobId().equals(jobId))
                .map(JobItem::path)
                .collect(Collectors.toSet());
    }

    @Override
    public synchronized boolean recordsFace(UUID jobId, UUID faceId) {
        return items.stream().anyMatch(i -> i.jobId().equals(jobId) && faceId.equals(i.faceId()));
    }

    @Override
    public synchronized Page<JobItem> items(UUID jobId, PageRequest request) {
        return request.of(items.stream().filter(i -> i.jobId().equals(jobId)).toList());
    }

    @Override
    public synchronized boolean finish(UUID jobId, String leaseOwner, JobState state, String failure, Instant now) {
        EnrollmentJob job = jobs.get(jobId);
        if (job == null || job.state() != JobState.RUNNING || !leaseOwner.equals(job.leaseOwner())) {
            return false;
        }
        put(with(job, state, job.startedAt(), now, null, null, failure));
        return true;
    }

    @Override
    public synchronized boolean cancel(UUID jobId, Instant now) {
        EnrollmentJob job = jobs.get(jobId);
        if (job == null || job.state().isFinal()) {
            return false;
        }
        put(with(job, JobState.CANCELLED, job.startedAt(), now, null, null, null));
        return true;
    }

    private EnrollmentJob put(EnrollmentJob job) {
        jobs.put(job.id(), job);
        return job;
    }

    private static EnrollmentJob with(
            EnrollmentJob job,
            JobState state,
            Instant startedAt,
            Instant finishedAt,
            String leaseOwner,
            Instant leaseUntil,
            String failure) {
        return new EnrollmentJob(
                job.id(),
                job.galleryId(),
                job.owner(),
                job.ownerRole(),
                state,
                job.source(),
                job.sourceKey(),
                job.total(),
                job.enrolled(),
                job.refused(),
                job.duplicate(),
                job.createdAt(),
                startedAt,
                finishedAt,
                leaseOwner,
                leaseUntil,
                failure);
    }
}
