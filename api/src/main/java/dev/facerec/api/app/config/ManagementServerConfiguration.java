package dev.facerec.api.app.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The management port's server ({@code MANAGEMENT_PORT}, bound to {@code MANAGEMENT_ADDRESS}) gets what the API port's
 * gets from {@link WebServerConfiguration}, and its errors are answered by the problem valve too, in place of Boot's
 * management error endpoint and its own JSON. Boot builds that server in a child context of its own, which reads this
 * class from {@code META-INF/spring/...ManagementContextConfiguration.imports}; it is not a {@code @Configuration}, so
 * the application's component scan does not apply it to the API port. Boot also imports it into the application's
 * context when both share one port: there its server customizer does nothing (the API port is customised already) and
 * a direct request for the error path is a 404 as it is anyway.
 */
class ManagementServerConfiguration {
    static final String NAMESPACE = "management";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> managementServer(
            ClientAddressProperties clientAddresses, ManagementProperties management, ApplicationContext context) {
        if (!WebServerApplicationContext.hasServerNamespace(context, NAMESPACE)) {
            return factory -> {};
        }
        return new ManagementServer(
                new WebServerConfiguration.ClientAddressAndProblemPages(clientAddresses), management.address());
    }

    /**
     * Boot's management error endpoint stays mapped at the error path, where it would answer a direct request with 200
     * and an empty error; nothing dispatches to it any more, so a request for that path finds nothing (404).
     */
    @Bean
    OncePerRequestFilter errorPathNotFound(@Value("${server.error.path:/error}") String errorPath) {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !request.getRequestURI()
                        .substring(request.getContextPath().length())
                        .equals(errorPath);
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        };
    }

    /**
     * After Boot's management customizers: their error page is removed, and the address they set (none, as {@code
     * management.server.address} is not used) is replaced.
     */
    record ManagementServer(WebServerConfiguration.ClientAddressAndProblemPages shared, InetAddress address)
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            shared.customize(factory);
            factory.setErrorPages(Set.of());
            factory.setAddress(address);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
