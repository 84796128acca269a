package dev.facerec.api.http.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.app.config.PeriodicJob;
import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditLog;
import dev.facerec.core.testing.AuditEvents;
import dev.facerec.core.testing.InMemoryAuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Binding of facerec.audit.*, and the timer that deletes events past the audit retention and counts them. */
class AuditConfigurationTest {
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(AuditConfiguration.class)
            .withBean(AuditLog.class, () -> auditLog)
            .withBean(MeterRegistry.class, () -> registry);

    @Test
    void keepsAYearSweepsHourlyAndCountsRefusalsByTheMinuteByDefault() {
        context.run(started -> {
            assertThat(started.getBean(AuditProperties.class))
                    .isEqualTo(new AuditProperties(
                            Duration.ofDays(365), Duration.ofHours(1), Duration.ofMinutes(1), 1000));
            assertThat(started.getBean(PeriodicJob.class).isScheduled()).isTrue();
        });
    }

    @Test
    void zeroKeepsEventsForEverAndBadValuesAreRefused() {
        context.withPropertyValues("facerec.audit.retention=0").run(started -> {
            assertThat(started.getBean(AuditProperties.class).sweeps()).isFalse();
            assertThat(started.getBean(PeriodicJob.class).isScheduled()).isFalse();
        });
        context.withPropertyValues("facerec.audit.sweep-interval=0")
                .run(started -> assertThat(started.getBean(PeriodicJob.class).isScheduled())
                        .isFalse());
        context.withPropertyValues("facerec.audit.retention=30d", "facerec.audit.refusal-window=10s")
                .run(started -> assertThat(started.getBean(AuditProperties.class))
                        .isEqualTo(new AuditProperties(
                                Duration.ofDays(30), Duration.ofHours(1), Duration.ofSeconds(10), 1000)));
        for (String bad : List.of(
                "facerec.audit.retention=-1d",
                "facerec.audit.sweep-interval=-1s",
                "facerec.audit.refusal-window=0",
                "facerec.audit.refusal-window=2h",
                "facerec.audit.refusal-max-groups=0")) {
            context.withPropertyValues(bad)
                    .run(started -> assertThat(started).as(bad).hasFailed());
        }
    }

    @Test
    void theTimerDeletesEventsPastTheRetentionKeepsNewerOnesAndCountsThem() {
        AuditEvent old = event(Instant.now().minus(Duration.ofDays(31)));
        AuditEvent recent = event(Instant.now().minus(Duration.ofDays(29)));
        auditLog.record(List.of(old, recent));

        context.withPropertyValues("facerec.audit.retention=30d", "facerec.audit.sweep-interval=100ms")
                .run(started -> {
                    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (auditLog.all().contains(old) && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(300);
                    assertThat(auditLog.all()).containsExactly(recent);
                    assertThat(registry.get(AuditConfiguration.RETENTION_DELETED)
                                    .counter()
                                    .count())
                            .as("counted once, however many sweeps ran")
                            .isEqualTo(1.0);
                });
    }

    @Test
    void durationsAreLoggedAsOperatorsWriteThem() {
        assertThat(AuditConfiguration.describe(Duration.ofDays(365))).isEqualTo("365d");
        assertThat(AuditConfiguration.describe(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(AuditConfiguration.describe(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(AuditConfiguration.describe(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(AuditConfiguration.describe(Duration.ZERO)).isEqualTo("0");
    }

    private static AuditEvent event(Instant at) {
        return AuditEvents.galleriesListed(at);
    }
}
