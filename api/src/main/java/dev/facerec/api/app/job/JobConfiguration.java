package dev.facerec.api.app.job;

import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.api.app.config.DataProperties;
import dev.facerec.api.app.config.JobProperties;
import dev.facerec.api.app.config.PeriodicJob;
import dev.facerec.api.app.config.S3Properties;
import dev.facerec.api.app.events.DomainEventConfiguration;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.job.ArchiveInspector;
import dev.facerec.core.job.ArchiveSource;
import dev.facerec.core.job.ArchiveStore;
import dev.facerec.core.job.DirectoryArchiveStore;
import dev.facerec.core.job.EnrollmentJobs;
import dev.facerec.core.job.JobRepository;
import dev.facerec.core.job.JobRunner;
import dev.facerec.core.job.JobSources;
import dev.facerec.core.job.PrefixSource;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.usecase.EnrollFace;
import dev.facerec.core.usecase.ManagePersons;
import dev.facerec.storage.s3.S3ImportBucket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Bulk enrolment jobs: the use case behind the REST API, the archives kept under {@code FACEREC_DATA_DIR/jobs}, the
 * S3 bucket's import folder ({@code JOBS_S3_IMPORT_PREFIX}) when images are stored in S3, and
 * {@code JOBS_CONCURRENCY} runners on this replica, each looking for a job every {@code JOBS_POLL_INTERVAL}. A runner
 * works through one job at a time, one photo after the other, so jobs take at most that many of the CPU's cores from
 * interactive requests.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({JobProperties.class, DataProperties.class, S3Properties.class})
@Import({ClockConfiguration.class, DomainEventConfiguration.class})
public class JobConfiguration {
    private static final Logger log = LoggerFactory.getLogger(JobConfiguration.class);

    @Bean
    ArchiveInspector archiveInspector(JobProperties properties) {
        return new ArchiveInspector(properties.limits());
    }

    @Bean
    ArchiveStore archiveStore(DataProperties data) {
        return new DirectoryArchiveStore(data.dataDir().resolve("jobs"));
    }

    @Bean
    ArchiveSource archiveSource(ArchiveStore archives, ArchiveInspector inspector) {
        return new ArchiveSource(archives, inspector);
    }

    /** Jobs from an S3 prefix, with S3 storage only: the bucket's import folder, read with its own client. */
    @Bean(destroyMethod = "close")
    BucketImports bucketImports(S3Properties s3, JobProperties properties, JobRepository jobs) {
        if (!s3.configured()) {
            log.info("Jobs from an S3 prefix are off: images are kept in a local folder (S3_ENDPOINT is not set)");
            return new BucketImports(null, null);
        }
        S3ImportBucket bucket = new S3ImportBucket(s3.settings(), properties.importRoot());
        log.info("Jobs may read photos from {}", bucket);
        return new BucketImports(bucket, new PrefixSource(bucket, properties.importRoot(), properties.limits(), jobs));
    }

    @Bean
    EnrollmentJobs enrollmentJobs(
            GalleryAccess access,
            GalleryRepository galleries,
            JobRepository jobs,
            ArchiveSource archives,
            BucketImports imports,
            Clock clock,
            DomainEvents events) {
        return new EnrollmentJobs(access, galleries, jobs, archives, imports.source(), clock, events);
    }

    @Bean
    JobRunner jobRunner(
            JobRepository jobs,
            ArchiveSource archives,
            BucketImports imports,
            EnrollFace enroll,
            ManagePersons managePersons,
            PersonRepository persons,
            FaceRepository faces,
            JobProperties properties,
            Clock clock,
            DomainEvents events) {
        // Unique per process, so a restarted replica claims its own lapsed jobs like anyone else's.
        String replica = "replica-" + UUID.randomUUID();
        return new JobRunner(
                replica,
                jobs,
                new JobSources(Stream.concat(Stream.of(archives), imports.source().stream())
                        .toList()),
                enroll,
                managePersons,
                persons,
                faces,
                properties.lease(),
                clock,
                events);
    }

    /** The runners; closed (interrupted) on shutdown, when the job's lease lapses and another replica goes on. */
    @Bean(destroyMethod = "close")
    JobRunners jobRunners(JobRunner runner, JobProperties properties) {
        List<PeriodicJob> runners = new ArrayList<>();
        for (int i = 0; i < properties.concurrency(); i++) {
            runners.add(PeriodicJob.start("enrollment-jobs-" + i, properties.pollInterval(), () -> {
                while (runner.runOne()) {
                    // Another job may be waiting: look again at once.
                }
            }));
        }
        log.info("Enrolment job runners on this replica: {}", properties.concurrency());
        return new JobRunners(runners);
    }

    /** The S3 prefix source and the client it reads with, when images are stored in S3; both null otherwise. */
    record BucketImports(
            @Nullable S3ImportBucket bucket, @Nullable PrefixSource prefixSource) implements AutoCloseable {
        Optional<PrefixSource> source() {
            return Optional.ofNullable(prefixSource);
        }

        @Override
        public void close() {
            if (bucket != null) {
                bucket.close();
            }
        }
    }

    /** The runner timers, closed together. */
    record JobRunners(List<PeriodicJob> runners) implements AutoCloseable {
        @Override
        public void close() {
            runners.forEach(PeriodicJob::close);
        }
    }
}
