package dev.facerec.api.http.audit;

import dev.facerec.api.http.error.RequestIdFilter;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.NotAudited;
import dev.facerec.api.http.policy.Policies;
import dev.facerec.api.http.security.Caller;
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

/**
 * Records every request to {@code /api/v1/**} once it is answered, under the action its handler declares
 * ({@link Audited}), but those to handlers that declare none ({@link NotAudited}: the health probe). It runs inside Spring
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
    private final Policies policies;
    private final Clock clock;

    AuditFilter(AuditWriter writer, ObjectProvider<RequestMappingHandlerMapping> mappings, Clock clock) {
        this.writer = writer;
        this.policies = new Policies(mappings);
        this.clock = clock;
    }

    /** The log covers the versioned API; the handlers there say whether they are recorded ({@link NotAudited}). */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith(AuditedRoute.API);
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
                AuditEvent event = event(request, failed ? 500 : response.getStatus(), response.getHeader("Location"));
                if (event != null) {
                    writer.submit(event);
                }
            } catch (RuntimeException e) {
                // The record must never change the answer.
                log.warn("Could not describe request {} for the audit log", RequestIdFilter.requestId(request), e);
            }
        }
    }

    /**
     * The record of the request; null when its handler is not audited. A request refused before it reached Spring MVC
     * (by authentication or authorisation) is recorded with the action of the handler it would have reached; one
     * that no handler answers, as an unknown action.
     */
    AuditEvent event(HttpServletRequest request, int status, String location) {
        Optional<Policies.Decision<Audited>> decision =
                policies.handler(request).flatMap(Policies::audit);
        if (decision.isPresent() && !decision.get().applies()) {
            return null;
        }
        Audited audited = decision.flatMap(Policies.Decision::yes).orElse(null);
        AuditedRoute route = AuditedRoute.of(audited, pattern(request), variables(request), status, location);
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

    /** The route Spring MVC matched, or found for a request refused before it (set by {@link Policies#handler}). */
    private static String pattern(HttpServletRequest request) {
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
