package dev.facerec.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A bulk enrolment job reached a final state (for webhooks' {@code job.finished}).
 *
 * @param state SUCCEEDED, FAILED or CANCELLED
 */
public record JobFinished(
        UUID galleryId,
        UUID jobId,
        String state,
        int enrolled,
        int refused,
        int duplicate,
        int total,
        Instant occurredAt)
        implements DomainEvent {
    public JobFinished {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(jobId, "jobId is null");
        requireNonNull(state, "state is null");
        requireNonNull(occurredAt, "occurredAt is null");
    }
}
