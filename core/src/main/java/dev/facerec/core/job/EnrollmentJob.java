package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.account.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A bulk enrolment of the photos of one source (an uploaded archive, or a prefix of the S3 bucket) into one gallery,
 * run in the background on behalf of its owner (the job acts with the owner's name and role, so gallery access applies
 * to it as to the owner's requests).
 *
 * @param source where the photos come from
 * @param sourceKey for an {@link SourceKind#ARCHIVE ARCHIVE}, where the archive is kept until the job ends (see
 *     {@link ArchiveStore}); for an {@link SourceKind#S3_PREFIX S3_PREFIX}, the prefix ({@link ImportPrefix})
 * @param total the number of photos in the source
 * @param leaseOwner the replica running the job; null unless RUNNING
 * @param leaseUntil when the running replica's claim lapses unless renewed; null unless RUNNING
 * @param failure why a FAILED job failed; null otherwise
 */
public record EnrollmentJob(
        UUID id,
        UUID galleryId,
        String owner,
        Role ownerRole,
        JobState state,
        SourceKind source,
        String sourceKey,
        int total,
        int enrolled,
        int refused,
        int duplicate,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String leaseOwner,
        Instant leaseUntil,
        String failure) {
    public EnrollmentJob {
        requireNonNull(id, "id is null");
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(state, "state is null");
        requireNonNull(source, "source is null");
        requireNonNull(sourceKey, "sourceKey is null");
        requireNonNull(createdAt, "createdAt is null");
        if (total < 0 || enrolled < 0 || refused < 0 || duplicate < 0) {
            throw new IllegalArgumentException("counts must be 0 or more");
        }
    }

    /** A new job waiting for a runner. */
    public static EnrollmentJob queued(
            UUID id,
            UUID galleryId,
            String owner,
            Role ownerRole,
            SourceKind source,
            String sourceKey,
            int total,
            Instant now) {
        return new EnrollmentJob(
                id,
                galleryId,
                owner,
                ownerRole,
                JobState.QUEUED,
                source,
                sourceKey,
                total,
                0,
                0,
                0,
                now,
                null,
                null,
                null,
                null,
                null);
    }

    /** Photos with a recorded outcome. */
    public int processed() {
        return enrolled + refused + duplicate;
    }

    /** Photos per second since the job started, over the photos processed; empty before any. */
    public Optional<Double> photosPerSecond(Instant now) {
        if (startedAt == null || processed() == 0) {
            return Optional.empty();
        }
        Instant end = finishedAt == null ? now : finishedAt;
        double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
        return Optional.of(processed() / seconds);
    }

    /** Time left at the rate so far; empty when unknown or the job is final. */
    public Optional<Duration> eta(Instant now) {
        if (state.isFinal()) {
            return Optional.empty();
        }
        return photosPerSecond(now)
                .filter(rate -> rate > 0)
                .map(rate -> Duration.ofMillis((long) ((total - processed()) / rate * 1000)));
    }
}
