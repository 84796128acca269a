package dev.facerec.api.http.security;

import dev.facerec.core.account.ApiKey;
import dev.facerec.core.account.Role;
import java.util.stream.Stream;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request authenticated by an API key, with the role the key has for this request: its own role (its scope), or its
 * owner's current role when that is lower.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;

    private final transient ApiKey key;
    private final Role role;

    ApiKeyAuthentication(ApiKey key, Role role) {
        super(RoleMapping.authorities(Stream.of(role)));
        this.key = key;
        this.role = role;
        setAuthenticated(true);
    }

    ApiKey key() {
        return key;
    }

    /** What the key may do in this request. */
    Role role() {
        return role;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return "key:" + key.prefix();
    }

    @Override
    public String getName() {
        return "key:" + key.prefix();
    }
}
