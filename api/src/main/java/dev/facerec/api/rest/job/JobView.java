package dev.facerec.api.rest.job;

import dev.facerec.core.job.EnrollmentJob;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A job as the API shows it: state, counts, rate and the time left at that rate. */
record JobView(
        UUID id,
        UUID galleryId,
        String state,
        int total,
        int processed,
        int enrolled,
        int refused,
        int duplicate,
        @Nullable Double photosPerSecond,
        @Nullable Long etaSeconds,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String failure) {
    static JobView of(EnrollmentJob job, Instant now) {
        return new JobView(
                job.id(),
                job.galleryId(),
                job.state().name(),
                job.total(),
                job.processed(),
                job.enrolled(),
                job.refused(),
                job.duplicate(),
                job.photosPerSecond(now)
                        .map(rate -> Math.round(rate * 100) / 100.0)
                        .orElse(null),
                job.eta(now).map(eta -> eta.toSeconds()).orElse(null),
                job.createdAt(),
                job.startedAt(),
                job.finishedAt(),
                job.failure());
    }
}
