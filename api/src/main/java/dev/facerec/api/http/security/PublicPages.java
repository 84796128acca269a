package dev.facerec.api.http.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;

import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security chain of pages anyone may load because they hold no data (the console's files, the API description):
 * no credentials, no session, no cookie, and the same headers as the API (HSTS, no framing, no referrer) with the
 * page's own Content-Security-Policy. Their chains come before the API's, so the API's rules stay about the API.
 */
public final class PublicPages {
    private PublicPages() {}

    /** Configures {@code http} for the pages {@code matcher} selects; the caller may add headers, then builds it. */
    public static HttpSecurity configure(HttpSecurity http, RequestMatcher matcher, String contentSecurityPolicy)
            throws Exception {
        return http.securityMatcher(matcher)
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.frameOptions(frame -> frame.deny())
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                                .maxAgeInSeconds(31_536_000)
                                // As on the API: TLS ends at the load balancer.
                                .requestMatcher(AnyRequestMatcher.INSTANCE))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll());
    }

    /** Requests of any method to one of the path patterns. */
    public static RequestMatcher anyMethod(String... patterns) {
        return new OrRequestMatcher(Arrays.stream(patterns)
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(pattern))
                .toList());
    }

    /** GET and HEAD requests to one of the path patterns: reads only, so a write there meets the API's rules. */
    public static RequestMatcher reads(String... patterns) {
        return new OrRequestMatcher(Arrays.stream(patterns)
                .flatMap(pattern ->
                        Stream.of(GET, HEAD).map(method -> PathPatternRequestMatcher.pathPattern(method, pattern)))
                .map(RequestMatcher.class::cast)
                .toList());
    }
}
