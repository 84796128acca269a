package dev.facerec.api.http.security;

import dev.facerec.api.http.error.ProblemCode;
import dev.facerec.api.http.error.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problem bodies, like every other error, with a detail that says what to do. */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                tokenSent ? "Bearer realm=\"facerec\", error=\"invalid_token\"" : "Bearer realm=\"facerec\"");
        ProblemWriter.write(request, response, ProblemCode.UNAUTHENTICATED, detail(failure, tokenSent), Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String who = Caller.current()
                .map(caller -> caller.name() + " (" + Caller.describe(caller.role()) + ")")
                .orElse("this caller");
        ProblemWriter.write(
                request,
                response,
                ProblemCode.FORBIDDEN,
                "The credentials of " + who + " may not do this. Ask an administrator for a role that may.",
                Map.of());
    }

    private static String detail(AuthenticationException failure, boolean tokenSent) {
        if (!tokenSent) {
            return "This endpoint needs credentials: a bearer token from POST /api/v1/auth/login in the Authorization"
                    + " header, or an API key in the X-API-Key header.";
        }
        String description = failure instanceof InvalidBearerTokenException invalid ? invalid.getMessage() : null;
        if (description != null && description.contains("expired")) {
            return "The access token has expired. Get a new one with POST /api/v1/auth/refresh or sign in again.";
        }
        if (description != null && description.contains("Sign in again")) {
            return description;
        }
        return "The access token was refused: it is malformed, not signed by a trusted issuer, not meant for this"
                + " service, or not valid now. Sign in again.";
    }
}
