package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.account.AccessTokenIssuer;
import dev.facerec.core.account.UserAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * HS256 access tokens of the built-in issuer: {@code sub} is the account id, {@code roles} its role, {@code jti} a
 * random id by which logout revokes the token, {@code credentials_stamp} the account's credentials stamp
 * ({@link UserAccount#credentialsChangedAt}) when the token was issued. Validation is {@link TokenDecoders#builtIn}.
 */
final class JwtAccessTokenIssuer implements AccessTokenIssuer {
    static final String ROLES = "roles";
    static final String USERNAME = "preferred_username";
    static final String CREDENTIALS_STAMP = "credentials_stamp";

    private final JwtEncoder encoder;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;

    JwtAccessTokenIssuer(JwtEncoder encoder, String issuer, String audience, Duration lifetime) {
        this.encoder = requireNonNull(encoder, "encoder is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.audience = requireNonNull(audience, "audience is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
    }

    @Override
    public IssuedToken issue(UserAccount account, Instant now) {
        String id = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(lifetime);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(audience))
                .subject(account.id().toString())
                .id(id)
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expiresAt)
                .claim(USERNAME, account.username())
                .claim(ROLES, List.of(account.role().name()))
                .claim(CREDENTIALS_STAMP, stamp(account))
                .build();
        String value = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).type("JWT").build(), claims))
                .getTokenValue();
        return new IssuedToken(value, id, expiresAt);
    }

    /** The account's credentials stamp as the token carries it: exact, to the microsecond the database keeps. */
    static String stamp(UserAccount account) {
        return account.credentialsChangedAt().toString();
    }
}
