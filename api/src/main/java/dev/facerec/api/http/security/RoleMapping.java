package dev.facerec.api.http.security;

import dev.facerec.core.account.Role;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a checked token into an authentication whose authorities are {@code ROLE_<role>} for its role and every role
 * below it. Role names are read case-insensitively; names that are no {@link Role} are ignored, so a token without a
 * known role authenticates but may do nothing.
 */
final class RoleMapping implements Converter<Jwt, AbstractAuthenticationToken> {
    private final String rolesClaim;
    private final boolean builtIn;

    private RoleMapping(String rolesClaim, boolean builtIn) {
        this.rolesClaim = rolesClaim;
        this.builtIn = builtIn;
    }

    static RoleMapping builtIn() {
        return new RoleMapping(JwtAccessTokenIssuer.ROLES, true);
    }

    static RoleMapping external(String rolesClaim) {
        return new RoleMapping(rolesClaim, false);
    }

    /** A token of the built-in issuer: its subject is an account id. */
    static final class BuiltInToken extends JwtAuthenticationToken {
        private static final long serialVersionUID = 1L;

        BuiltInToken(Jwt jwt, Collection<? extends GrantedAuthority> authorities, String name) {
            super(jwt, authorities, name);
        }
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = authorities(roleNames(jwt).flatMap(name -> Role.parse(name).stream()));
        String username = jwt.getClaimAsString(JwtAccessTokenIssuer.USERNAME);
        String name = username == null || username.isBlank() ? jwt.getSubject() : username;
        return builtIn ? new BuiltInToken(jwt, authorities, name) : new JwtAuthenticationToken(jwt, authorities, name);
    }

    /** {@code ROLE_x} for each given role and the roles it includes. */
    static List<GrantedAuthority> authorities(Stream<Role> roles) {
        Set<Role> granted = new LinkedHashSet<>();
        roles.forEach(role -> granted.addAll(role.included()));
        return granted.stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
    }

    private Stream<String> roleNames(Jwt jwt) {
        Stream<String> named = names(jwt.getClaims().get(rolesClaim));
        if (builtIn) {
            return named;
        }
        Object realmAccess = jwt.getClaims().get("realm_access");
        Stream<String> keycloak = realmAccess instanceof Map<?, ?> realm ? names(realm.get("roles")) : Stream.empty();
        return Stream.concat(named, keycloak);
    }

    private static Stream<String> names(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast);
        }
        if (claim instanceof String text) {
            return Stream.of(text.split("[\\s,]+"));
        }
        return Stream.empty();
    }
}
