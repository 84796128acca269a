package dev.facerec.api.audit;

import dev.facerec.api.error.RequestIdFilter;
import dev.facerec.api.security.Caller;
import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditEvent.ActorKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Records every request to {@code /api/v1/**} but the health probe, once it is answered. It runs inside Spring
 * Security's chain, just after the security context is set up and around authentication and authorisation, so it
 * sees refusals (401, 403, 429: where attacks show) as well as the caller of an accepted request. It reads names,
 * ids, the status and the address; never a body, so no image, embedding, token, key or password can reach the log.
 * The caller is read once the answer is written: authentication filters inside the chain leave the security context
 * set until Spring Security's context filter, just outside this one, clears it.
 */
public final class AuditFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    static final String ANONYMOUS = "anonymous";

    private final AuditWriter writer;
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final Clock clock;

    AuditFilter(AuditWriter writer, ObjectProvider<RequestMappingHandlerMapping> mappings, Clock clock) {
        this.writer = writer;
        this.mappings = mappings;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith(AuditedRoute.API) || path.equals("/api/v1/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            try {
                writer.submit(event(request, failed ? 500 : response.getStatus(), response.getHeader("Location")));
            } catch (RuntimeException e) {
                // The record must never change the answer.
                log.warn("Could not describe request {} for the audit log", RequestIdFilter.requestId(request), e);
            }
        }
    }

    AuditEvent event(HttpServletRequest request, int status, String location) {
        AuditedRoute route =
                AuditedRoute.of(request.getMethod(), pattern(request), variables(request), status, location);
        UUID gallery = route.galleryId() != null
                ? route.galleryId()
                : request.getAttribute(AuditDetails.GALLERY) instanceof UUID id ? id : null;
        Optional<Caller> caller = Caller.current();
        String attempted = request.getAttribute(AuditDetails.ATTEMPTED_USERNAME) instanceof String name ? name : null;
        String actor;
        ActorKind kind;
        if (caller.isPresent()) {
            actor = caller.get().name();
            kind = ActorKind.valueOf(caller.get().kind().name());
        } else if (attempted != null) {
            actor = attempted;
            kind = status < 400 ? ActorKind.USER : ActorKind.ANONYMOUS;
        } else {
            actor = ANONYMOUS;
            kind = ActorKind.ANONYMOUS;
        }
        return AuditEvent.single(
                UUID.randomUUID(),
                clock.instant(),
                actor == null ? ANONYMOUS : actor,
                kind,
                caller.map(Caller::role).orElse(null),
                caller.map(Caller::keyOwner).orElse(null),
                route.action(),
                route.targetType(),
                route.targetId(),
                gallery,
                status,
                request.getRemoteAddr(),
                RequestIdFilter.requestId(request));
    }

    /**
     * The route Spring MVC matched; for a request refused before it reached Spring MVC (by authentication or
     * authorisation), the route it would have matched.
     */
    private String pattern(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) == null) {
            RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
            if (mapping != null) {
                try {
                    if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
                        ServletRequestPathUtils.parseAndCache(request);
                    }
                    mapping.getHandler(request);
                } catch (Exception e) {
                    // No route for this method and path: recorded as an unknown action.
                    return null;
                }
            }
        }
        return request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
                ? pattern
                : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> variables(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> map
                ? (Map<String, String>) map
                : Map.of();
    }
}
