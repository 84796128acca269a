package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.Policies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Applies {@link GalleryGuard} before the handler runs, to the gallery or person its {@link GalleryScope} names in the
 * path or a parameter. Handlers with the gallery in a JSON body, or none at all, check it themselves or need not.
 */
final class GalleryAccessInterceptor implements HandlerInterceptor {
    private final GalleryGuard guard;

    GalleryAccessInterceptor(GalleryGuard guard) {
        this.guard = requireNonNull(guard, "guard is null");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Optional<GalleryScope> scope = Policies.find(method, GalleryScope.class);
        if (scope.isEmpty()) {
            return true;
        }
        String name = scope.get().name();
        switch (scope.get().value()) {
            case GALLERY_IN_PATH -> parse(variable(request, name)).ifPresent(guard::check);
            case PERSON_IN_PATH -> parse(variable(request, name)).ifPresent(guard::checkPerson);
            case GALLERY_IN_PARAMETER -> parse(request.getParameter(name)).ifPresent(guard::check);
            case CHECKED_BY_HANDLER, NONE -> {}
        }
        return true;
    }

    private static String variable(HttpServletRequest request, String name) {
        return request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                        && variables.get(name) instanceof String value
                ? value
                : null;
    }

    /** Malformed ids pass here: the endpoint answers them with 400. */
    private static Optional<UUID> parse(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
