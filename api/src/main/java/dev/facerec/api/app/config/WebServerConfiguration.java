package dev.facerec.api.app.config;

import static java.util.Objects.requireNonNull;

import dev.facerec.api.http.error.ProblemErrorReportValve;
import dev.facerec.api.http.security.ClientAddressValve;
import dev.facerec.api.http.security.ClientAddresses;
import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What Tomcat does with a request before the application sees it, on the API port here and on the management port
 * through {@link ManagementServerConfiguration}: it takes the client's address ({@link ClientAddressValve}, from
 * {@code FORWARD_HEADERS_STRATEGY} and {@code TRUSTED_PROXIES}) and answers a request it cannot parse with a problem
 * ({@link ProblemErrorReportValve}). Boot's own forwarded-header handling stays off ({@code
 * server.forward-headers-strategy: none}) so that there is one rule for the client's address.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ClientAddressProperties.class, ManagementProperties.class})
public class WebServerConfiguration {
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> clientAddressAndProblemPages(
            ClientAddressProperties properties) {
        return new ClientAddressAndProblemPages(properties);
    }

    /** Runs after Boot's own customizer, whose error report valve it replaces. */
    static final class ClientAddressAndProblemPages
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        private final ClientAddressProperties properties;

        ClientAddressAndProblemPages(ClientAddressProperties properties) {
            this.properties = requireNonNull(properties, "properties is null");
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addEngineValves(new ClientAddressValve(
                    new ClientAddresses(properties.readsForwardedFor(), properties.trustedRanges())));
            factory.addContextCustomizers(context -> problemPages((Host) context.getParent()));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        private static void problemPages(Host host) {
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ProblemErrorReportValve());
            if (host instanceof StandardHost standard) {
                // The host adds a valve of this class when it starts unless it finds one; it must find ours.
                standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        }
    }
}
