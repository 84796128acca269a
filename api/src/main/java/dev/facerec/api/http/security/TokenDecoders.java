package dev.facerec.api.http.security;

import dev.facerec.core.account.TokenRepository;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * The two ways tokens are checked. Either way: the signature with a fixed algorithm list (so {@code alg: none} and
 * HS/RS key confusion fail), {@code iss}, {@code aud}, {@code exp} (required) and {@code nbf} with a small clock skew.
 */
final class TokenDecoders {
    /** Bounds every call to an external issuer (discovery and key set). */
    static final Duration ISSUER_TIMEOUT = Duration.ofSeconds(5);

    private TokenDecoders() {}

    /**
     * HS256 tokens of the built-in issuer, refused also when the account is gone or disabled, its sign-ins were ended
     * after the token was issued (its credentials stamp is not the account's any more), or the token was logged out.
     */
    static JwtDecoder builtIn(
            SecretKey key, SecurityProperties properties, UserAccountRepository users, TokenRepository tokens) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        List<OAuth2TokenValidator<Jwt>> validators = common(properties, properties.issuer());
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.JTI, Objects::nonNull));
        validators.add(jwt -> stillValid(jwt, users, tokens));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** RS256/ES256 tokens of an external issuer, by discovery ({@code JWT_ISSUER_URI}) or key set URL. */
    static JwtDecoder external(SecurityProperties properties) {
        RestTemplate http = http();
        NimbusJwtDecoder decoder;
        String issuer;
        if (!properties.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                    .jwsAlgorithms(algorithms -> {
                        algorithms.add(SignatureAlgorithm.RS256);
                        algorithms.add(SignatureAlgorithm.ES256);
                    })
                    .restOperations(http)
                    .build();
            issuer = properties.issuerUri().isBlank() ? properties.issuer() : properties.issuerUri();
        } else {
            decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuerUri())
                    .jwsAlgorithms(algorithms -> {
                        algorithms.add(SignatureAlgorithm.RS256);
                        algorithms.add(SignatureAlgorithm.ES256);
                    })
                    .restOperations(http)
                    .build();
            issuer = properties.issuerUri();
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(common(properties, issuer)));
        return decoder;
    }

    private static List<OAuth2TokenValidator<Jwt>> common(SecurityProperties properties, String issuer) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        validators.add(new JwtIssuerValidator(issuer));
        String audience = properties.audience();
        validators.add(new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, values -> values != null && values.contains(audience)));
        return validators;
    }

    /**
     * The stamp is compared for equality, never by time: a token issued in the same second (or microsecond) as a
     * password change, a demotion, a disable or a detected refresh-token reuse is refused like an older one.
     */
    private static OAuth2TokenValidatorResult stillValid(Jwt jwt, UserAccountRepository users, TokenRepository tokens) {
        Optional<UUID> userId = parse(jwt.getSubject());
        Optional<UserAccount> account = userId.flatMap(users::find);
        String stamp = jwt.getClaimAsString(JwtAccessTokenIssuer.CREDENTIALS_STAMP);
        if (account.isEmpty()
                || !account.get().enabled()
                || !JwtAccessTokenIssuer.stamp(account.get()).equals(stamp)) {
            return invalid("The account's sign-ins were ended (password, role or state changed, or a refresh token was"
                    + " used twice). Sign in again.");
        }
        if (tokens.isAccessTokenRevoked(jwt.getId())) {
            return invalid("The access token was logged out. Sign in again.");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }

    private static Optional<UUID> parse(String subject) {
        try {
            return Optional.of(UUID.fromString(subject));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static RestTemplate http() {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(ISSUER_TIMEOUT);
        factory.setReadTimeout(ISSUER_TIMEOUT);
        return new RestTemplate(factory);
    }
}
