package dev.facerec.api.http.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.security.*}: how callers authenticate. Every member maps from the environment variable named beside
 * it (application.yml).
 *
 * @param environment {@code FACEREC_ENV}: {@code production} refuses to start with a missing or weak secret;
 *     {@code development} (the default, for {@code make run}) generates what is missing into the data folder
 * @param jwtSecretKey {@code JWT_SECRET_KEY}: HS256 key of the built-in issuer, at least 32 bytes; never printed
 * @param issuer {@code JWT_ISSUER}: the {@code iss} of built-in tokens
 * @param audience {@code JWT_AUDIENCE}: the {@code aud} every token must carry, built-in or external
 * @param issuerUri {@code JWT_ISSUER_URI}: trust this external issuer (OpenID discovery) instead of the built-in one
 * @param jwkSetUri {@code JWT_JWK_SET_URI}: trust tokens signed by these keys (RS256/ES256) instead of the built-in
 *     issuer; with {@code issuerUri} empty, {@code issuer} is checked
 * @param rolesClaim {@code JWT_ROLES_CLAIM}: claim of external tokens holding the roles (a list or a space-separated
 *     string; Keycloak's {@code realm_access.roles} is read too)
 * @param accessTokenLifetime {@code JWT_ACCESS_TOKEN_TTL}
 * @param refreshTokenLifetime {@code JWT_REFRESH_TOKEN_TTL}
 * @param clockSkew {@code JWT_CLOCK_SKEW}: tolerance on {@code exp} and {@code nbf}
 * @param adminUsername {@code FACEREC_ADMIN_USERNAME}: the first administrator, created when no account exists
 * @param adminPassword {@code FACEREC_ADMIN_PASSWORD}: its password; never printed
 * @param openSignUp {@code FACEREC_OPEN_SIGNUP}: anyone may register a VIEWER account; otherwise admins only
 * @param maxFailuresPerAccount {@code LOGIN_MAX_FAILURES_PER_ACCOUNT}: failed sign-ins on one account from one address
 *     within {@code failureWindow} before that address is locked out of that account
 * @param maxFailuresPerAddress {@code LOGIN_MAX_FAILURES_PER_ADDRESS}: failed sign-ins from one address on any
 *     accounts within {@code failureWindow} before that address is locked out of every account
 * @param maxFailuresPerAccountAllAddresses {@code LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_ADDRESSES}: failed sign-ins on one
 *     account from all addresses within {@code failureWindow} before it accepts only addresses it has signed in from
 *     before; 0: never
 * @param failureWindow {@code LOGIN_FAILURE_WINDOW}: how long failures count, and how long a lock-out lasts
 * @param failureDelay {@code LOGIN_FAILURE_DELAY}: each failure in the window (on the account, or from the address)
 *     makes the next refusal this much slower, at most ten times
 * @param knownAddressLifetime {@code LOGIN_KNOWN_ADDRESS_TTL}: how long an address that signed in to an account stays
 *     known to it
 * @param hashingConcurrency {@code PASSWORD_HASHING_THREADS}: password hashes computed at once (0: one per core)
 * @param hashingQueue {@code PASSWORD_HASHING_QUEUE}: hashes allowed to wait; more are refused with 503
 * @param hashingTimeout {@code PASSWORD_HASHING_TIMEOUT}: the longest a sign-in waits for its hash
 * @param corsAllowedOrigins {@code CORS_ALLOWED_ORIGINS}: browser origins allowed to call the API; empty: none
 * @param rateLimitPerMinute {@code RATE_LIMIT_PER_MINUTE}: requests a minute per caller; 0: no limit
 * @param rateLimitPerAddressPerMinute {@code RATE_LIMIT_PER_ADDRESS_PER_MINUTE}: requests a minute per client address;
 *     0: no limit
 */
@ConfigurationProperties("facerec.security")
public record SecurityProperties(
        @DefaultValue("development") String environment,
        @DefaultValue("") String jwtSecretKey,
        @DefaultValue("facerec") String issuer,
        @DefaultValue("facerec-api") String audience,
        @DefaultValue("") String issuerUri,
        @DefaultValue("") String jwkSetUri,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("15m") Duration accessTokenLifetime,
        @DefaultValue("7d") Duration refreshTokenLifetime,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("admin") String adminUsername,
        @DefaultValue("") String adminPassword,
        @DefaultValue("false") boolean openSignUp,
        @DefaultValue("5") int maxFailuresPerAccount,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("50") int maxFailuresPerAccountAllAddresses,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("200ms") Duration failureDelay,
        @DefaultValue("30d") Duration knownAddressLifetime,
        @DefaultValue("0") int hashingConcurrency,
        @DefaultValue("32") int hashingQueue,
        @DefaultValue("5s") Duration hashingTimeout,
        @DefaultValue("") List<String> corsAllowedOrigins,
        @DefaultValue("6000") int rateLimitPerMinute,
        @DefaultValue("6000") int rateLimitPerAddressPerMinute) {
    public SecurityProperties {
        if (!environment.equals("production") && !environment.equals("development")) {
            throw new IllegalArgumentException(
                    "FACEREC_ENV must be 'production' or 'development', not '" + environment + "'");
        }
        positive("facerec.security.access-token-lifetime", accessTokenLifetime);
        positive("facerec.security.refresh-token-lifetime", refreshTokenLifetime);
        positive("facerec.security.failure-window", failureWindow);
        positive("facerec.security.known-address-lifetime", knownAddressLifetime);
        if (failureDelay.isNegative() || failureDelay.compareTo(Duration.ofSeconds(2)) > 0) {
            throw new IllegalArgumentException("LOGIN_FAILURE_DELAY must be between 0 and 2 seconds: " + failureDelay);
        }
        positive("facerec.security.hashing-timeout", hashingTimeout);
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("JWT_CLOCK_SKEW must be between 0 and 5 minutes: " + clockSkew);
        }
        if (maxFailuresPerAccount < 1
                || maxFailuresPerAddress < 1
                || maxFailuresPerAccountAllAddresses < 0
                || hashingQueue < 0
                || hashingConcurrency < 0
                || rateLimitPerMinute < 0
                || rateLimitPerAddressPerMinute < 0) {
            throw new IllegalArgumentException("login and hashing limits must not be negative or zero");
        }
        corsAllowedOrigins = corsAllowedOrigins.stream()
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList();
    }

    public boolean production() {
        return environment.equals("production");
    }

    /** Whether tokens come from an external issuer rather than the built-in one. */
    public boolean externalIssuer() {
        return !issuerUri.isBlank() || !jwkSetUri.isBlank();
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return "SecurityProperties[environment=" + environment + ", jwtSecretKey=" + mask(jwtSecretKey) + ", issuer="
                + issuer + ", audience=" + audience + ", issuerUri=" + issuerUri + ", jwkSetUri=" + jwkSetUri
                + ", adminUsername=" + adminUsername + ", adminPassword=" + mask(adminPassword) + ", openSignUp="
                + openSignUp + ", corsAllowedOrigins=" + corsAllowedOrigins + "]";
    }

    private static String mask(String secret) {
        return secret.isEmpty() ? "" : "******";
    }
}
