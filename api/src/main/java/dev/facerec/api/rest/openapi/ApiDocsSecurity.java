package dev.facerec.api.rest.openapi;

import dev.facerec.api.http.security.PublicPages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OpenAPI document and Swagger UI are public: they describe the API, they hold no data, and a client generator or
 * a person reading them has no credentials yet. Their own chain, before the API's, so that {@code EndpointRules} stays
 * about the API; it also matches when the docs are switched off, so that the paths then answer 404 rather than 401.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsSecurity {
    static final String[] PATHS = {
        "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui", "/swagger-ui/**", "/swagger-ui.html"
    };

    /**
     * Swagger UI's page loads only its own scripts and styles and the document, from this origin: no inline script, no
     * eval, no inline style. Checked in headless Chromium with swagger-ui 5.32: every operation renders; the bundle
     * tries to apply one inline style, which is refused without a visible difference, so {@code 'unsafe-inline'} is
     * not worth allowing. Images are its own or the data: URIs of its stylesheet's icons.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain apiDocsFilterChain(HttpSecurity http) throws Exception {
        PublicPages.configure(http, PublicPages.anyMethod(PATHS), CONTENT_SECURITY_POLICY);
        return http.build();
    }
}
