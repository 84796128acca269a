package dev.facerec.api.http.policy;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Reads the policies of a handler, and finds the handler of a request, also in a filter that runs before Spring MVC
 * (a refusal by the security chain, the idempotency filter).
 */
public final class Policies {
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    /** @param mappings the application's {@code requestMappingHandlerMapping} */
    public Policies(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /**
     * The handler method Spring MVC maps the request to (or did): empty for a path or method no handler answers, and
     * for handlers that are not controller methods (the console's files).
     */
    public Optional<HandlerMethod> handler(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod matched) {
            return Optional.of(matched);
        }
        RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
        if (mapping == null) {
            return Optional.empty();
        }
        try {
            if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            HandlerExecutionChain chain = mapping.getHandler(request);
            return chain != null && chain.getHandler() instanceof HandlerMethod handler
                    ? Optional.of(handler)
                    : Optional.empty();
        } catch (Exception e) {
            // No handler for this method and path (404, 405, 406, 415): no policy of its own.
            return Optional.empty();
        }
    }

    /** The annotation on the handler method, else on its controller class. */
    public static <A extends Annotation> Optional<A> find(HandlerMethod handler, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), type);
        return Optional.ofNullable(
                onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), type));
    }

    /** Whether the handler says it is audited; empty when it says neither that nor {@link NotAudited}. */
    public static Optional<Decision<Audited>> audit(HandlerMethod handler) {
        return decision(handler, Audited.class, NotAudited.class);
    }

    /** Whether the handler takes an {@code Idempotency-Key}; empty when it says neither. */
    public static Optional<Decision<Idempotent>> idempotency(HandlerMethod handler) {
        return decision(handler, Idempotent.class, NotIdempotent.class);
    }

    /**
     * A yes (with its annotation) or a deliberate no; the method's decision overrides its class's ({@code
     * ArchitectureTest} refuses both on one element).
     */
    public record Decision<A extends Annotation>(Optional<A> yes) {
        public boolean applies() {
            return yes.isPresent();
        }
    }

    private static <A extends Annotation> Optional<Decision<A>> decision(
            HandlerMethod handler, Class<A> yes, Class<? extends Annotation> no) {
        for (AnnotatedElement element : new AnnotatedElement[] {handler.getMethod(), handler.getBeanType()}) {
            A found = AnnotatedElementUtils.findMergedAnnotation(element, yes);
            boolean refused = AnnotatedElementUtils.hasAnnotation(element, no);
            if (found != null || refused) {
                return Optional.of(new Decision<>(Optional.ofNullable(found)));
            }
        }
        return Optional.empty();
    }
}
