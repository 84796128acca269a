package dev.facerec.api.http.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.facerec.api.app.cache.RedisConnector;
import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.api.app.config.DataProperties;
import dev.facerec.api.http.audit.AuditFilter;
import dev.facerec.core.account.AccessTokenIssuer;
import dev.facerec.core.account.ApiKeyRepository;
import dev.facerec.core.account.AttemptCounter;
import dev.facerec.core.account.KnownAddresses;
import dev.facerec.core.account.PasswordHasher;
import dev.facerec.core.account.TokenRepository;
import dev.facerec.core.account.UserAccountRepository;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.usecase.ManageAccounts;
import dev.facerec.core.usecase.ManageApiKeys;
import dev.facerec.core.usecase.SignIn;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Authentication and authorisation of every request: bearer tokens (the built-in HS256 issuer, or an external
 * issuer), API keys, the endpoint rules ({@link EndpointRules}, from each handler's {@code @Access}), rate limits, security headers and CORS. Stateless: no
 * session, no cookie, so no CSRF token is needed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, DataProperties.class})
@Import(ClockConfiguration.class)
public class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final int KNOWN_ADDRESSES_PER_ACCOUNT = 16;

    @Bean
    ServiceSecrets serviceSecrets(SecurityProperties properties, DataProperties data) {
        return new ServiceSecrets(data.dataDir(), properties.production());
    }

    @Bean
    AttemptCounter attemptCounter(ObjectProvider<RedisConnector> redis, Clock clock) {
        var local = new InProcessCounters(200_000, clock);
        RedisConnector connector = redis.getIfAvailable();
        return connector == null ? local : new RedisCounters(connector, local);
    }

    /**
     * Addresses each account signed in from, which pass the account's throttle: a bounded number per account (16, the
     * most recent), for at most 10,000 accounts in this process; in Redis when it is configured.
     */
    @Bean
    KnownAddresses knownAddresses(ObjectProvider<RedisConnector> redis, Clock clock) {
        var local = new InProcessKnownAddresses(10_000, KNOWN_ADDRESSES_PER_ACCOUNT, clock);
        RedisConnector connector = redis.getIfAvailable();
        return connector == null
                ? local
                : new RedisKnownAddresses(connector, local, KNOWN_ADDRESSES_PER_ACCOUNT, clock);
    }

    @Bean(destroyMethod = "close")
    BoundedPasswordHasher passwordHasher(SecurityProperties properties) {
        int threads = properties.hashingConcurrency() > 0
                ? properties.hashingConcurrency()
                : Runtime.getRuntime().availableProcessors();
        var argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        var encoder = new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2));
        return new BoundedPasswordHasher(encoder, threads, properties.hashingQueue(), properties.hashingTimeout());
    }

    /** The HS256 key of the built-in issuer; also needed in external mode to keep the beans alike, so never null. */
    @Bean
    SecretKey jwtSigningKey(SecurityProperties properties, ServiceSecrets secrets) {
        String secret = properties.externalIssuer() && properties.jwtSecretKey().isEmpty()
                ? secrets.readOrCreate("jwt-secret", dev.facerec.core.account.Secrets.random(48))
                : secrets.required("JWT_SECRET_KEY", properties.jwtSecretKey(), "jwt-secret");
        return new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256");
    }

    @Bean
    AccessTokenIssuer accessTokenIssuer(SecretKey jwtSigningKey, SecurityProperties properties) {
        return new JwtAccessTokenIssuer(
                new NimbusJwtEncoder(new ImmutableSecret<>(jwtSigningKey)),
                properties.issuer(),
                properties.audience(),
                properties.accessTokenLifetime());
    }

    @Bean
    JwtDecoder jwtDecoder(
            SecretKey jwtSigningKey,
            SecurityProperties properties,
            UserAccountRepository users,
            TokenRepository tokens) {
        if (properties.externalIssuer()) {
            log.info(
                    "Trusting access tokens of the external issuer {}",
                    properties.issuerUri().isBlank() ? properties.jwkSetUri() : properties.issuerUri());
            return TokenDecoders.external(properties);
        }
        return TokenDecoders.builtIn(jwtSigningKey, properties, users, tokens);
    }

    @Bean
    SignIn signIn(
            UserAccountRepository users,
            TokenRepository tokens,
            PasswordHasher hasher,
            AccessTokenIssuer issuer,
            AttemptCounter attempts,
            KnownAddresses knownAddresses,
            SecurityProperties properties,
            Clock clock) {
        return new SignIn(
                users,
                tokens,
                hasher,
                issuer,
                attempts,
                knownAddresses,
                new SignIn.Settings(
                        properties.refreshTokenLifetime(),
                        properties.maxFailuresPerAccount(),
                        properties.maxFailuresPerAddress(),
                        properties.maxFailuresPerAccountAllAddresses(),
                        properties.failureWindow(),
                        // A sleeping refusal holds a request thread; past 200 at once requests run on virtual
                        // threads (RequestThreads), so refusals cannot use up the threads.
                        properties.failureDelay(),
                        properties.knownAddressLifetime()),
                clock);
    }

    @Bean
    ManageAccounts manageAccounts(
            UserAccountRepository users, TokenRepository tokens, PasswordHasher hasher, Clock clock) {
        return new ManageAccounts(users, tokens, hasher, clock);
    }

    /** Keys follow their owners' accounts; owners from an external issuer cannot be looked up (see ManageApiKeys). */
    @Bean
    ManageApiKeys manageApiKeys(
            ApiKeyRepository keys,
            GalleryRepository galleries,
            UserAccountRepository users,
            SecurityProperties properties,
            Clock clock) {
        return new ManageApiKeys(
                keys,
                galleries,
                users,
                properties.externalIssuer() ? ManageApiKeys.Owners.EXTERNAL_SUBJECTS : ManageApiKeys.Owners.ACCOUNTS,
                clock);
    }

    @Bean
    FirstAdministrator firstAdministrator(
            ManageAccounts accounts, SecurityProperties properties, ServiceSecrets secrets) {
        return new FirstAdministrator(accounts, properties, secrets);
    }

    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            JwtDecoder decoder,
            ManageApiKeys keys,
            AttemptCounter counters,
            SecurityProperties properties,
            ManagementPort managementPort,
            ObjectProvider<AuditFilter> audit,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers)
            throws Exception {
        var problems = new ProblemSecurityHandlers();
        var roles = properties.externalIssuer() ? RoleMapping.external(properties.rolesClaim()) : RoleMapping.builtIn();
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(cors -> cors.configurationSource(cors(properties.corsAllowedOrigins())))
                .headers(headers -> headers.frameOptions(frame -> frame.deny())
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                                .maxAgeInSeconds(31_536_000)
                                // TLS ends at the load balancer, so the request here may be plain HTTP.
                                .requestMatcher(AnyRequestMatcher.INSTANCE))
                        .contentSecurityPolicy(
                                csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(
                        rules -> EndpointRules.apply(rules, properties.openSignUp(), managementPort, handlers))
                .oauth2ResourceServer(
                        server -> server.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(roles))
                                .authenticationEntryPoint(problems)
                                .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyFilter(keys), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(
                        new RateLimitFilter(
                                counters, properties.rateLimitPerMinute(), properties.rateLimitPerAddressPerMinute()),
                        BearerTokenAuthenticationFilter.class);
        // Inside the security context's lifetime and around authentication and authorisation: the audit record
        // sees the caller, and the refusals too.
        audit.ifAvailable(filter -> http.addFilterAfter(filter, SecurityContextHolderFilter.class));
        return http.build();
    }

    /** Closed unless origins are configured: a browser page elsewhere cannot call the API. */
    private static CorsConfigurationSource cors(List<String> origins) {
        var source = new UrlBasedCorsConfigurationSource();
        if (!origins.isEmpty()) {
            var configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(origins);
            configuration.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
            configuration.setAllowedHeaders(
                    List.of("Authorization", "Content-Type", ApiKeyFilter.HEADER, "Idempotency-Key", "X-Request-Id"));
            configuration.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "Location"));
            configuration.setMaxAge(3600L);
            source.registerCorsConfiguration("/**", configuration);
        }
        return source;
    }
}
