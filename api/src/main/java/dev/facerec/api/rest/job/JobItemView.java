package dev.facerec.api.rest.job;

import dev.facerec.core.job.JobItem;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One photo's outcome: {@code ENROLLED} with the face, {@code REFUSED} with code and reason, or {@code DUPLICATE}. */
record JobItemView(
        String path,
        String outcome,
        @Nullable UUID personId,
        @Nullable UUID faceId,
        @Nullable String code,
        @Nullable String reason,
        Instant processedAt) {
    static JobItemView of(JobItem item) {
        return new JobItemView(
                item.path(),
                item.outcome().name(),
                item.personId(),
                item.faceId(),
                item.code(),
                item.reason(),
                item.processedAt());
    }
}
