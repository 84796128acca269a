package dev.facerec.api.app.health;

import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Serves the management port ({@code MANAGEMENT_PORT}: the actuator's health, info and metrics) on a few platform
 * threads of its own, so that orchestrators' probes get a thread whatever the API port's requests do. Spring Boot
 * gives the management server virtual threads, which wait for a free carrier (one per core) behind any request that
 * computes; this runs after that and puts Tomcat's own thread pool back.
 *
 * <p>Deliberately not a {@code @Configuration}: component scanning would apply it to the API port's server too.
 * {@code META-INF/spring/...ManagementContextConfiguration.imports} imports it into the management server's own
 * context only, and only when the actuator has a port of its own.
 */
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
public class ManagementServerThreads {
    /** Enough for probes and a metrics scrape at once; each health check ends within its own deadline. */
    static final int THREADS = 8;

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> managementPlatformThreads() {
        return new PlatformThreads();
    }

    private static final class PlatformThreads
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {
        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            // A connector customizer: those run after every protocol handler customizer (the virtual-thread one) and
            // after the ones that apply server.tomcat.threads.*.
            factory.addConnectorCustomizers(connector -> {
                // No executor of our own: Tomcat then starts its internal pool of platform threads.
                connector.getProtocolHandler().setExecutor(null);
                if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                    protocol.setMaxThreads(THREADS);
                    protocol.setMinSpareThreads(2);
                }
            });
        }

        /** After Spring Boot's virtual-thread customizer, whose executor this replaces. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
