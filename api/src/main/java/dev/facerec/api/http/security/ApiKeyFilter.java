package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import dev.facerec.api.http.error.ProblemCode;
import dev.facerec.api.http.error.ProblemWriter;
import dev.facerec.core.usecase.ManageApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code X-API-Key}, with the role the key has now (never more than its owner's). A key that is
 * malformed, unknown, revoked or expired, or whose owner is disabled or gone, is a 401 at once (the request does not
 * fall through as anonymous). Credentials in the URL, where proxies and browsers log them, are refused
 * whatever they are, as are requests carrying both a key and a bearer token.
 *
 * <p>An accepted key becomes the request's security context the way the bearer token filter does it: set for the
 * rest of the request and kept as a request attribute (for an error dispatch), and cleared by Spring Security's
 * context filter once the whole chain is done, not here. Filters that run around this one, such as the audit filter,
 * read the caller after the answer; clearing it on the way out would show them an anonymous request.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-API-Key";
    private static final Set<String> URL_CREDENTIALS =
            Set.of("api_key", "apikey", "api-key", "x-api-key", "access_token", "token", "key");

    private final ManageApiKeys keys;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    ApiKeyFilter(ManageApiKeys keys) {
        this.keys = requireNonNull(keys, "keys is null");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (hasCredentialInUrl(request)) {
            ProblemWriter.write(
                    request,
                    response,
                    ProblemCode.INVALID_REQUEST,
                    "Credentials must not be sent in the URL, where proxies and logs keep them. Send an API key in the "
                            + HEADER + " header or a token in the Authorization header; revoke the key you sent.",
                    Map.of());
            return;
        }
        String presented = request.getHeader(HEADER);
        if (presented == null) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            ProblemWriter.write(
                    request,
                    response,
                    ProblemCode.INVALID_REQUEST,
                    "Send either an API key (" + HEADER + ") or a bearer token (Authorization), not both.",
                    Map.of());
            return;
        }
        Optional<ManageApiKeys.Authenticated> key = keys.authenticate(presented.strip());
        if (key.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey realm=\"facerec\"");
            ProblemWriter.write(
                    request,
                    response,
                    ProblemCode.UNAUTHENTICATED,
                    "The API key was refused: it is malformed, unknown, revoked or expired, or its owner's account is"
                            + " disabled or gone.",
                    Map.of());
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(
                new ApiKeyAuthentication(key.get().key(), key.get().role()));
        contexts.setContext(context);
        repository.saveContext(context, request, response);
        chain.doFilter(request, response);
    }

    private static boolean hasCredentialInUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (URL_CREDENTIALS.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
