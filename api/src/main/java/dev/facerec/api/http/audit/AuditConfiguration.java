package dev.facerec.api.http.audit;

import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.api.app.config.FaceUseCaseConfiguration;
import dev.facerec.api.app.config.PeriodicJob;
import dev.facerec.core.audit.AuditLog;
import dev.facerec.core.usecase.AuditRetentionSweeper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The audit trail: the writer that stores events in the background (counting refusals of callers without credentials
 * rather than storing each), the filter that describes each request, and the retention sweep. The filter runs inside
 * Spring Security's chain ({@code SecurityConfiguration} adds it), not as a servlet filter of its own, so that it sees
 * the caller and the refusals alike.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
@Import(ClockConfiguration.class)
public class AuditConfiguration {
    /** Room for bursts while the database is slow; beyond it events are dropped and counted, never waited for. */
    static final int QUEUE_CAPACITY = 10_000;

    /** Events deleted in one transaction by the retention sweep. */
    static final int SWEEP_BATCH = 1_000;

    /** Prometheus: {@code facerec_audit_retention_deleted_total}. */
    static final String RETENTION_DELETED = "facerec.audit.retention.deleted";

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    /** Closed before the database pool (it depends on the log), so queued and counted events are stored on shutdown. */
    @Bean(destroyMethod = "close")
    AuditWriter auditWriter(
            AuditLog auditLog, AuditProperties properties, ObjectProvider<MeterRegistry> registry, Clock clock) {
        MeterRegistry meters = FaceUseCaseConfiguration.registryOf(registry);
        var refusals = new AnonymousRefusals(properties.refusalWindow(), properties.refusalMaxGroups(), meters);
        return new AuditWriter(auditLog, QUEUE_CAPACITY, refusals, meters, clock);
    }

    @Bean
    AuditFilter auditFilter(
            AuditWriter writer,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings,
            Clock clock) {
        return new AuditFilter(writer, mappings, clock);
    }

    /** The filter is part of the security chain; Boot must not register it as a servlet filter too. */
    @Bean
    FilterRegistrationBean<AuditFilter> auditFilterRegistration(AuditFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /**
     * Deletes events past {@code AUDIT_RETENTION} every {@code AUDIT_SWEEP_INTERVAL}, on every replica (a row goes
     * once, whoever deletes it); a failed sweep is logged and the next one runs on time.
     */
    @Bean(destroyMethod = "close")
    PeriodicJob auditRetentionSchedule(
            AuditLog auditLog, AuditProperties properties, ObjectProvider<MeterRegistry> registry, Clock clock) {
        Counter deleted = Counter.builder(RETENTION_DELETED)
                .description("Audit events deleted because they were older than the audit retention")
                .register(FaceUseCaseConfiguration.registryOf(registry));
        if (!properties.sweeps()) {
            log.info(
                    "Audit retention is off (AUDIT_RETENTION={}, AUDIT_SWEEP_INTERVAL={}): audit events are kept for"
                            + " ever",
                    describe(properties.retention()),
                    describe(properties.sweepInterval()));
            return PeriodicJob.off("audit-retention");
        }
        var sweeper = new AuditRetentionSweeper(auditLog, properties.retention(), SWEEP_BATCH, clock);
        log.info(
                "Audit events older than {} are deleted every {} (AUDIT_RETENTION, AUDIT_SWEEP_INTERVAL)",
                describe(properties.retention()),
                describe(properties.sweepInterval()));
        return PeriodicJob.start(
                "audit-retention", properties.sweepInterval(), () -> sweeper.sweep(deleted::increment));
    }

    /** As an operator writes it: 365d, 1h, 90s, rather than PT8760H. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0";
        }
        for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)) {
            long size = unit.getDuration().toMillis();
            if (millis % size == 0) {
                String suffix = switch (unit) {
                    case DAYS -> "d";
                    case HOURS -> "h";
                    case MINUTES -> "m";
                    default -> "s";
                };
                return millis / size + suffix;
            }
        }
        return millis + "ms";
    }
}
