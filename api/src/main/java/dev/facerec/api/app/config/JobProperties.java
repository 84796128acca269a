package dev.facerec.api.app.config;

import dev.facerec.core.job.ArchiveLimits;
import dev.facerec.core.job.ImportPrefix;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code facerec.jobs.*}: bulk enrolment jobs.
 *
 * @param concurrency {@code JOBS_CONCURRENCY}: jobs this replica runs at once; 0 runs none here (the replica still
 *     accepts jobs for the others)
 * @param pollInterval {@code JOBS_POLL_INTERVAL}: how often an idle runner looks for a job to claim
 * @param lease {@code JOBS_LEASE}: how long a replica holds a job without renewing; after a crash another replica (or
 *     this one, restarted) takes the job over once it lapses
 * @param maxArchiveBytes {@code JOBS_MAX_ARCHIVE_BYTES}: the largest archive upload
 * @param maxEntries {@code JOBS_MAX_ENTRIES}: the most entries in an archive
 * @param maxTotalBytes {@code JOBS_MAX_TOTAL_BYTES}: the most uncompressed bytes in an archive
 * @param maxEntryBytes {@code JOBS_MAX_ENTRY_BYTES}: the most uncompressed bytes of one photo
 * @param maxRatio {@code JOBS_MAX_RATIO}: the highest compression ratio of an entry and of the archive
 * @param s3ImportPrefix {@code JOBS_S3_IMPORT_PREFIX}: the folder of the S3 bucket that jobs from an S3 prefix may read
 *     under (with S3 storage only); never the top of the bucket, where the service keeps its own images
 * @param yieldToRequests {@code JOBS_YIELD_TO_REQUESTS}: how long a job's compute stage waits at most while requests
 *     compute (requests come first); 0 never waits
 */
@ConfigurationProperties("facerec.jobs")
public record JobProperties(
        @DefaultValue("1") int concurrency,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("1GB") DataSize maxArchiveBytes,
        @DefaultValue("100000") int maxEntries,
        @DefaultValue("4GB") DataSize maxTotalBytes,
        @DefaultValue("20MB") DataSize maxEntryBytes,
        @DefaultValue("100") int maxRatio,
        @DefaultValue("imports/") String s3ImportPrefix,
        @DefaultValue("250ms") Duration yieldToRequests) {
    public JobProperties {
        if (concurrency < 0 || concurrency > 16) {
            throw new IllegalArgumentException("facerec.jobs.concurrency must be 0 to 16: " + concurrency);
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("facerec.jobs.poll-interval must be positive: " + pollInterval);
        }
        if (lease == null || lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("facerec.jobs.lease must be at least 3s: " + lease);
        }
        limits(maxArchiveBytes, maxEntries, maxTotalBytes, maxEntryBytes, maxRatio);
        importRoot(s3ImportPrefix);
        if (yieldToRequests == null
                || yieldToRequests.isNegative()
                || yieldToRequests.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("facerec.jobs.yield-to-requests must be 0 to 10s: " + yieldToRequests);
        }
    }

    /** The folder of the bucket jobs may read under. */
    public ImportPrefix importRoot() {
        return importRoot(s3ImportPrefix);
    }

    private static ImportPrefix importRoot(String prefix) {
        try {
            return ImportPrefix.root(prefix == null ? "" : prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "JOBS_S3_IMPORT_PREFIX (facerec.jobs.s3-import-prefix): " + e.getMessage(), e);
        }
    }

    public ArchiveLimits limits() {
        return limits(maxArchiveBytes, maxEntries, maxTotalBytes, maxEntryBytes, maxRatio);
    }

    private static ArchiveLimits limits(DataSize archive, int entries, DataSize total, DataSize entry, int ratio) {
        if (archive == null || total == null || entry == null) {
            throw new IllegalArgumentException("facerec.jobs archive limits must be set");
        }
        try {
            return new ArchiveLimits(archive.toBytes(), entries, total.toBytes(), entry.toBytes(), ratio);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("facerec.jobs archive limits must be positive", e);
        }
    }
}
