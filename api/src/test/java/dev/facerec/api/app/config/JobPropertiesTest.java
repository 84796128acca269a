package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.job.ArchiveLimits;
import dev.facerec.core.job.ImportPrefix;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobPropertiesTest {
    @Test
    void defaultsAreOneRunnerAndTheArchiveLimitsAndTheImportsFolder() {
        PropertiesContext.withApplicationYaml(Map.of()).run(context -> {
            JobProperties jobs = context.getBean(JobProperties.class);
            assertThat(jobs.concurrency()).isEqualTo(1);
            assertThat(jobs.lease()).isEqualTo(Duration.ofSeconds(30));
            assertThat(jobs.limits()).isEqualTo(new ArchiveLimits(1L << 30, 100_000, 4L << 30, 20L << 20, 100));
            assertThat(jobs.importRoot()).isEqualTo(new ImportPrefix("imports/"));
            assertThat(jobs.yieldToRequests()).isEqualTo(Duration.ofMillis(250));
        });
        PropertiesContext.withEnvironment(Map.of())
                .run(context -> assertThat(context.getBean(JobProperties.class).importRoot())
                        .isEqualTo(new ImportPrefix("imports/")));
    }

    @Test
    void operatorsVariablesBind() {
        PropertiesContext.withApplicationYaml(Map.of(
                        "JOBS_CONCURRENCY", "2",
                        "JOBS_MAX_ENTRIES", "500",
                        "JOBS_MAX_ENTRY_BYTES", "5MB",
                        "JOBS_S3_IMPORT_PREFIX", "team/bulk",
                        "JOBS_YIELD_TO_REQUESTS", "0"))
                .run(context -> {
                    JobProperties jobs = context.getBean(JobProperties.class);
                    assertThat(jobs.concurrency()).isEqualTo(2);
                    assertThat(jobs.limits().maxEntries()).isEqualTo(500);
                    assertThat(jobs.limits().maxEntryBytes()).isEqualTo(5L << 20);
                    assertThat(jobs.importRoot().value()).isEqualTo("team/bulk/");
                    assertThat(jobs.yieldToRequests()).isZero();
                });
    }

    @Test
    void anImportPrefixAtTheTopOfTheBucketOrLeavingItStopsTheStart() {
        for (String bad : new String[] {"", "/", "../imports/", "imports//x/"}) {
            PropertiesContext.withApplicationYaml(Map.of("JOBS_S3_IMPORT_PREFIX", bad))
                    .run(context -> assertThat(PropertiesContext.failure(context))
                            .as("'" + bad + "'")
                            .contains("JOBS_S3_IMPORT_PREFIX")
                            .contains("own face images"));
        }
        PropertiesContext.withApplicationYaml(Map.of("JOBS_CONCURRENCY", "17"))
                .run(context -> assertThat(PropertiesContext.failure(context)).contains("concurrency"));
        PropertiesContext.withApplicationYaml(Map.of("JOBS_YIELD_TO_REQUESTS", "1m"))
                .run(context -> assertThat(PropertiesContext.failure(context)).contains("yield-to-requests"));
    }
}
