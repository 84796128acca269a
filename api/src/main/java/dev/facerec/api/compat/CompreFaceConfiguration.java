package dev.facerec.api.compat;

import dev.facerec.api.http.audit.AuditFilter;
import dev.facerec.api.http.security.ApiKeyOnlyChain;
import dev.facerec.api.http.security.PublicPages;
import dev.facerec.api.http.security.SecurityProperties;
import dev.facerec.core.account.AttemptCounter;
import dev.facerec.core.usecase.ManageApiKeys;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The CompreFace-compatible front door's own security chain (API keys only) and its role check. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CompreFaceProperties.class)
class CompreFaceConfiguration {
    /** Before the REST API's chain, which would answer these paths with its own rules and bodies. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain compreFaceFilterChain(
            HttpSecurity http,
            ManageApiKeys keys,
            AttemptCounter counters,
            SecurityProperties security,
            CompreFaceProperties properties,
            ObjectProvider<AuditFilter> audit)
            throws Exception {
        return ApiKeyOnlyChain.configure(
                        http,
                        PublicPages.anyMethod(CompreFacePaths.PATTERNS),
                        keys,
                        counters,
                        security,
                        cors(properties.corsAllowedOrigins()),
                        new CompreFaceKeyRequired(),
                        audit)
                .build();
    }

    @Bean
    WebMvcConfigurer compreFaceRoles() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new CompreFaceRoles()).addPathPatterns(CompreFacePaths.PATTERNS);
            }
        };
    }

    /**
     * Closed unless origins are configured. CompreFace's own proxy allows every origin; here a browser page may call
     * with a key only from the origins named.
     */
    private static CorsConfigurationSource cors(List<String> origins) {
        var source = new UrlBasedCorsConfigurationSource();
        if (!origins.isEmpty()) {
            var configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(origins);
            configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
            configuration.setAllowedHeaders(List.of("Content-Type", "Range", CompreFaceKeyRequired.HEADER));
            configuration.setMaxAge(3600L);
            for (String pattern : CompreFacePaths.PATTERNS) {
                source.registerCorsConfiguration(pattern, configuration);
            }
        }
        return source;
    }
}
