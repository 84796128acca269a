package dev.facerec.api.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import dev.facerec.core.account.Role;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what, in one place. Anything not listed needs ADMIN, so an endpoint added without a rule is closed
 * rather than open; {@code EndpointSecurityIT} walks the application's own mappings and fails on any endpoint whose
 * rule it does not know.
 *
 * <ul>
 *   <li>Anyone: the health probes, sign-in and token refresh (they check their own credentials); on the management
 *       port only, the actuator's health, info and Prometheus endpoints.
 *   <li>VIEWER: detect, compare, verify, identify, the supported formats.
 *   <li>OPERATOR: galleries, persons and faces; the detailed health view and the metrics on the API port.
 *   <li>ADMIN: users, API keys, encryption keys, audit, gallery access lists.
 *   <li>Any signed-in caller: who am I, logout, password change.
 * </ul>
 */
final class EndpointRules {
    private EndpointRules() {}

    static void apply(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules,
            boolean openSignUp,
            RequestMatcher managementPort) {
        rules.requestMatchers("/error")
                .permitAll()
                .requestMatchers(new AndRequestMatcher(
                        managementPort,
                        new OrRequestMatcher(
                                PathPatternRequestMatcher.pathPattern(GET, "/actuator/health"),
                                PathPatternRequestMatcher.pathPattern(GET, "/actuator/health/**"),
                                PathPatternRequestMatcher.pathPattern(GET, "/actuator/info"),
                                PathPatternRequestMatcher.pathPattern(GET, "/actuator/prometheus"))))
                .permitAll()
                .requestMatchers(GET, "/health", "/health/live", "/health/ready", "/api/v1/health")
                .permitAll()
                .requestMatchers(POST, "/api/v1/auth/login", "/api/v1/auth/refresh")
                .permitAll()
                .requestMatchers(GET, "/api/v1/auth/me")
                .authenticated()
                .requestMatchers(POST, "/api/v1/auth/logout", "/api/v1/auth/password")
                .authenticated();
        if (openSignUp) {
            rules.requestMatchers(POST, "/api/v1/auth/register").permitAll();
        } else {
            rules.requestMatchers(POST, "/api/v1/auth/register").hasRole(Role.ADMIN.name());
        }
        rules.requestMatchers("/api/v1/users", "/api/v1/users/**")
                .hasRole(Role.ADMIN.name())
                .requestMatchers("/api/v1/api-keys", "/api/v1/api-keys/**")
                .hasRole(Role.ADMIN.name())
                .requestMatchers("/api/v1/admin/**", "/api/v1/audit", "/api/v1/audit/**")
                .hasRole(Role.ADMIN.name())
                .requestMatchers("/api/v1/galleries/*/access")
                .hasRole(Role.ADMIN.name())
                .requestMatchers(GET, "/health/detailed", "/metrics", "/metrics/prometheus")
                .hasRole(Role.OPERATOR.name())
                .requestMatchers(POST, "/api/v1/faces/detect", "/api/v1/faces/compare", "/api/v1/identify")
                .hasRole(Role.VIEWER.name())
                .requestMatchers(POST, "/api/v1/persons/*/verify")
                .hasRole(Role.VIEWER.name())
                .requestMatchers(GET, "/api/v1/upload/supported-formats", "/upload/supported-formats")
                .hasRole(Role.VIEWER.name())
                .requestMatchers(
                        GET, "/api/v1/galleries", "/api/v1/galleries/*", "/api/v1/persons", "/api/v1/persons/**")
                .hasRole(Role.OPERATOR.name())
                .requestMatchers(POST, "/api/v1/galleries", "/api/v1/persons", "/api/v1/persons/*/faces")
                .hasRole(Role.OPERATOR.name())
                .requestMatchers(PATCH, "/api/v1/galleries/*", "/api/v1/persons/*")
                .hasRole(Role.OPERATOR.name())
                .requestMatchers(DELETE, "/api/v1/galleries/*", "/api/v1/persons/*", "/api/v1/persons/*/faces/*")
                .hasRole(Role.OPERATOR.name())
                .anyRequest()
                .hasRole(Role.ADMIN.name());
    }
}
