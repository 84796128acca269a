package dev.facerec.api.http.security;

import dev.facerec.api.http.audit.AuditFilter;
import dev.facerec.core.account.AttemptCounter;
import dev.facerec.core.usecase.ManageApiKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security chain of a front door whose clients authenticate with API keys only (the CompreFace-compatible API):
 * the same key check, rate limits, audit record and response headers as the REST API, without bearer tokens. Which
 * role each handler needs is that front door's own business (its handlers' {@code @Access}), as are the bodies of its
 * refusals: the REST API's problem bodies are written here and a front door may translate them.
 */
public final class ApiKeyOnlyChain {
    private ApiKeyOnlyChain() {}

    /**
     * Configures {@code http} for the requests {@code matcher} selects; the caller builds it.
     *
     * @param beforeKeys runs before the key is checked (to refuse a request without one in the front door's words)
     */
    public static HttpSecurity configure(
            HttpSecurity http,
            RequestMatcher matcher,
            ManageApiKeys keys,
            AttemptCounter counters,
            SecurityProperties properties,
            CorsConfigurationSource cors,
            OncePerRequestFilter beforeKeys,
            ObjectProvider<AuditFilter> audit)
            throws Exception {
        http.securityMatcher(matcher)
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(configurer -> configurer.configurationSource(cors))
                .headers(headers -> headers.frameOptions(frame -> frame.deny())
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                                .maxAgeInSeconds(31_536_000)
                                // As on the API: TLS ends at the load balancer.
                                .requestMatcher(AnyRequestMatcher.INSTANCE))
                        .contentSecurityPolicy(
                                csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                // Every request that gets past the filters below carries an accepted key; the role is checked per
                // handler by the front door.
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .addFilterAfter(beforeKeys, CorsFilter.class)
                .addFilterAfter(new ApiKeyFilter(keys), beforeKeys.getClass())
                .addFilterAfter(
                        new RateLimitFilter(
                                counters, properties.rateLimitPerMinute(), properties.rateLimitPerAddressPerMinute()),
                        ApiKeyFilter.class);
        audit.ifAvailable(filter -> http.addFilterAfter(filter, SecurityContextHolderFilter.class));
        return http;
    }
}
