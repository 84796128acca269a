package dev.facerec.api.app.job;

import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.api.app.config.DataProperties;
import dev.facerec.api.app.config.JobProperties;
import dev.facerec.api.app.config.PeriodicJob;
import dev.facerec.api.app.events.DomainEventConfiguration;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.job.ArchiveInspector;
import dev.facerec.core.job.ArchiveStore;
import dev.facerec.core.job.DirectoryArchiveStore;
import dev.facerec.core.job.EnrollmentJobs;
import dev.facerec.core.job.JobRepository;
import dev.facerec.core.job.JobRunner;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.usecase.EnrollFace;
import dev.facerec.core.usecase.ManagePersons;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Bulk enrolment jobs: the use case behind the REST API, the archives kept under {@code FACEREC_DATA_DIR/jobs}, and
 * {@code JOBS_CONCURRENCY} runners on this replica, each looking for a job every {@code JOBS_POLL_INTERVAL}. A runner
 * works through one job at a time, one photo after the other, so jobs take at most that many of the CPU's cores from
 * interactive requests.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({JobProperties.class, DataProperties.class})
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
    EnrollmentJobs enrollmentJobs(
            GalleryAccess access,
            GalleryRepository galleries,
            JobRepository jobs,
            ArchiveInspector inspector,
            ArchiveStore archives,
            Clock clock,
            DomainEvents events) {
        return new EnrollmentJobs(access, galleries, jobs, inspector, archives, clock, events);
    }

    @Bean
    JobRunner jobRunner(
            JobRepository jobs,
            ArchiveStore archives,
            ArchiveInspector inspector,
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
                archives,
                inspector,
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

    /** The runner timers, closed together. */
    record JobRunners(List<PeriodicJob> runners) implements AutoCloseable {
        @Override
        public void close() {
            runners.forEach(PeriodicJob::close);
        }
    }
}
