package dev.facerec.api.rest.job;

import dev.facerec.core.job.EnrollmentJob;
import dev.facerec.core.job.SourceKind;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job as the API shows it: where its photos come from ({@code source} ARCHIVE or S3_PREFIX, and the prefix), state,
 * counts, rate and the time left at that rate.
 */
record JobView(
        UUID id,
        UUID galleryId,
        String source,
        @Nullable String s3Prefix,
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
                job.source().name(),
                job.source() == SourceKind.S3_PREFIX ? job.sourceKey() : null,
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
