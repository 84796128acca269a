package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * The recorded result of one archive entry.
 *
 * @param path the entry's path in the archive: the item's key within its job
 * @param personId the person the photo was for; null when the item was refused before a person was found
 * @param faceId the enrolled (or, for a duplicate, the existing) face; null when refused
 * @param code the error code of a refusal; null otherwise
 * @param reason the message of a refusal, for a person to act on; null otherwise
 */
public record JobItem(
        UUID jobId,
        String path,
        ItemOutcome outcome,
        UUID personId,
        UUID faceId,
        String code,
        String reason,
        Instant processedAt) {
    public static final int MAX_REASON_LENGTH = 500;

    public JobItem {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(path, "path is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(processedAt, "processedAt is null");
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            reason = reason.substring(0, MAX_REASON_LENGTH);
        }
    }

    public static JobItem enrolled(UUID jobId, String path, UUID personId, UUID faceId, Instant at) {
        return new JobItem(jobId, path, ItemOutcome.ENROLLED, personId, faceId, null, null, at);
    }

    public static JobItem duplicate(UUID jobId, String path, UUID personId, UUID faceId, Instant at) {
        return new JobItem(jobId, path, ItemOutcome.DUPLICATE, personId, faceId, null, null, at);
    }

    public static JobItem refused(UUID jobId, String path, UUID personId, String code, String reason, Instant at) {
        return new JobItem(
                jobId,
                path,
                ItemOutcome.REFUSED,
                personId,
                null,
                requireNonNull(code, "code is null"),
                requireNonNull(reason, "reason is null"),
                at);
    }
}
