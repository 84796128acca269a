package dev.facerec.api.http.security;

import dev.facerec.core.access.Actor;
import dev.facerec.core.account.Role;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who sends the current request, whatever the credential: a user of the built-in issuer, an external token's
 * subject, or an API key.
 *
 * @param userId the account id for built-in users; null otherwise
 * @param tokenId the access token's {@code jti}, for logout; null for API keys
 * @param keyOwner for an API key, the user name (or external subject) that created it; null otherwise
 * @param keyGallery for an API key bound to a gallery, that gallery; null otherwise
 */
public record Caller(
        Kind kind,
        String name,
        Role role,
        UUID userId,
        String tokenId,
        Instant tokenExpiresAt,
        String keyOwner,
        UUID keyGallery) {
    public enum Kind {
        USER,
        EXTERNAL,
        API_KEY
    }

    /** The caller as the core knows it (its access-list name and role), for use cases and their policies. */
    public Actor actor() {
        return new Actor(name, role);
    }

    /**
     * The current request's caller as the core knows it, {@link Actor#anonymous()} when it did not sign in: what the
     * REST controllers hand to every use case, which applies its policies (restricted galleries) to it.
     */
    public static Actor currentActor() {
        return current().map(Caller::actor).orElseGet(Actor::anonymous);
    }

    /** The caller of the current request, or empty when it is anonymous. */
    public static Optional<Caller> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static Optional<Caller> of(Authentication authentication) {
        if (authentication instanceof ApiKeyAuthentication key) {
            return Optional.of(new Caller(
                    Kind.API_KEY,
                    "key:" + key.key().prefix(),
                    key.role(),
                    null,
                    null,
                    null,
                    key.key().owner(),
                    key.key().galleryId()));
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            var jwt = token.getToken();
            boolean builtIn = token instanceof RoleMapping.BuiltInToken;
            return Optional.of(new Caller(
                    builtIn ? Kind.USER : Kind.EXTERNAL,
                    token.getName(),
                    highestRole(authentication),
                    builtIn ? UUID.fromString(jwt.getSubject()) : null,
                    jwt.getId(),
                    jwt.getExpiresAt(),
                    null,
                    null));
        }
        return Optional.empty();
    }

    /** The highest role among the authorities, or null for none. */
    static Role highestRole(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(authority -> authority.getAuthority().replaceFirst("^ROLE_", ""))
                .flatMap(name -> Role.parse(name).stream())
                .max(Comparator.naturalOrder())
                .orElse(null);
    }

    static String describe(Role role) {
        return role == null ? "no role" : "role " + role;
    }
}
