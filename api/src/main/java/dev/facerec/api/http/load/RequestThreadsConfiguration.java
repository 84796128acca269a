package dev.facerec.api.http.load;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Serves the API port on {@link RequestThreads}. The management port has its own platform threads ({@code
 * dev.facerec.api.app.health.ManagementServerThreads}); everything else keeps Spring Boot's virtual threads.
 */
@Configuration(proxyBeanMethods = false)
public class RequestThreadsConfiguration {
    @Bean(destroyMethod = "close")
    RequestThreads requestThreads() {
        return new RequestThreads(RequestThreads.PLATFORM_THREADS);
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> apiRequestThreads(RequestThreads threads) {
        return new ApiRequestThreads(threads);
    }

    private record ApiRequestThreads(RequestThreads threads)
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {
        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            // A connector customizer runs after every protocol handler customizer, Spring Boot's virtual-thread
            // executor among them, which this one replaces.
            factory.addConnectorCustomizers(
                    connector -> connector.getProtocolHandler().setExecutor(threads));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
