package dev.facerec.api.audit;

import dev.facerec.api.config.FaceUseCaseConfiguration;
import dev.facerec.core.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The audit trail: the writer that stores events in the background, and the filter that describes each request. The
 * filter runs inside Spring Security's chain ({@code SecurityConfiguration} adds it), not as a servlet filter of its
 * own, so that it sees the caller and the refusals alike.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {
    /** Room for bursts while the database is slow; beyond it events are dropped and counted, never waited for. */
    static final int QUEUE_CAPACITY = 10_000;

    /** Closed before the database pool (it depends on the log), so queued events are stored on shutdown. */
    @Bean(destroyMethod = "close")
    AuditWriter auditWriter(AuditLog auditLog, ObjectProvider<MeterRegistry> registry) {
        return new AuditWriter(auditLog, QUEUE_CAPACITY, FaceUseCaseConfiguration.registryOf(registry));
    }

    @Bean
    AuditFilter auditFilter(
            AuditWriter writer,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        return new AuditFilter(writer, mappings, Clock.systemUTC());
    }

    /** The filter is part of the security chain; Boot must not register it as a servlet filter too. */
    @Bean
    FilterRegistrationBean<AuditFilter> auditFilterRegistration(AuditFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
