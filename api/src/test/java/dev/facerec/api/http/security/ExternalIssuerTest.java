package dev.facerec.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Trusting an external issuer (Keycloak and the like): tokens signed by a key of its published key set pass with their
 * roles; anything else, including an HS256 token "signed" with the issuer's public key, fails. The key set is served
 * by a real local HTTP server.
 */
class ExternalIssuerTest {
    private static final String ISSUER = "https://id.example.test/realms/facerec";
    private static HttpServer server;
    private static RSAKey rsa;
    private static ECKey ec;
    private static JwtDecoder decoder;

    @BeforeAll
    static void issuer() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        byte[] keySet = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keySet.length);
            exchange.getResponseBody().write(keySet);
            exchange.close();
        });
        server.start();
        decoder = TokenDecoders.external(
                properties("http://127.0.0.1:" + server.getAddress().getPort() + "/certs"));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static SecurityProperties properties(String jwkSetUri) {
        return new SecurityProperties(
                "development",
                "",
                ISSUER,
                "facerec-api",
                "",
                jwkSetUri,
                "roles",
                Duration.ofMinutes(15),
                Duration.ofDays(7),
                Duration.ofSeconds(30),
                "admin",
                "",
                false,
                5,
                20,
                50,
                Duration.ofMinutes(15),
                Duration.ofMillis(200),
                Duration.ofDays(30),
                0,
                32,
                Duration.ofSeconds(5),
                List.of(),
                0,
                0);
    }

    @Test
    void rs256AndEs256TokensOfTheIssuerPassWithTheirRoles() throws Exception {
        Jwt jwt = decoder.decode(sign(claims(UnaryOperator.identity()), JWSAlgorithm.RS256));
        assertThat(jwt.getSubject()).isEqualTo("user-42");
        var authentication = RoleMapping.external("roles").convert(jwt);
        assertThat(authentication.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR");
        assertThat(authentication.getName()).isEqualTo("alice");

        Jwt keycloak = decoder.decode(sign(
                claims(c -> c.claim("roles", null).claim("realm_access", Map.of("roles", List.of("admin", "offline")))),
                JWSAlgorithm.ES256));
        assertThat(RoleMapping.external("roles").convert(keycloak).getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR", "ROLE_ADMIN");
    }

    @Test
    void keyConfusionForeignKeysAndWrongClaimsAreRefused() throws Exception {
        SignedJWT confused = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims(UnaryOperator.identity()));
        confused.sign(new MACSigner(rsa.toPublicJWK().toRSAPublicKey().getEncoded()));
        assertRefused(confused.serialize());

        SignedJWT foreign = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims(UnaryOperator.identity()));
        foreign.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
        assertRefused(foreign.serialize());

        assertRefused(sign(claims(c -> c.issuer("https://evil.example.test")), JWSAlgorithm.RS256));
        assertRefused(sign(claims(c -> c.audience("another-api")), JWSAlgorithm.RS256));
        assertRefused(sign(
                claims(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))), JWSAlgorithm.RS256));
        assertRefused(sign(
                claims(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(120)))), JWSAlgorithm.RS256));
        assertRefused(sign(claims(c -> c.expirationTime(null)), JWSAlgorithm.RS256));
        assertThat(decoder.decode(sign(
                        claims(c -> c.issueTime(Date.from(Instant.now().minusSeconds(300)))
                                .expirationTime(Date.from(Instant.now().minusSeconds(10)))),
                        JWSAlgorithm.RS256)))
                .as("within the 30 s clock skew")
                .isNotNull();
    }

    @Test
    void anUnreachableIssuerFailsWithinItsTimeoutInsteadOfHanging() throws Exception {
        JwtDecoder unreachable = TokenDecoders.external(properties("http://10.255.255.1:81/certs"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> unreachable.decode(sign(claims(UnaryOperator.identity()), JWSAlgorithm.RS256)))
                .isInstanceOf(JwtException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TokenDecoders.ISSUER_TIMEOUT.plusSeconds(5));
    }

    private static void assertRefused(String token) {
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return change.apply(new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience(List.of("facerec-api", "account"))
                        .subject("user-42")
                        .claim("preferred_username", "alice")
                        .claim("roles", List.of("operator", "unknown-role"))
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(300))))
                .build();
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm) throws Exception {
        boolean rs = algorithm == JWSAlgorithm.RS256;
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(algorithm)
                        .keyID(rs ? "rsa-1" : "ec-1")
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(rs ? new RSASSASigner(rsa) : new ECDSASigner(ec));
        return jwt.serialize();
    }
}
