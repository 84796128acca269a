package dev.facerec.api.security;

import dev.facerec.core.account.ApiKey;
import java.util.stream.Stream;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by an API key; the key's role is its scope. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;

    private final transient ApiKey key;

    ApiKeyAuthentication(ApiKey key) {
        super(RoleMapping.authorities(Stream.of(key.role())));
        this.key = key;
        setAuthenticated(true);
    }

    ApiKey key() {
        return key;
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
