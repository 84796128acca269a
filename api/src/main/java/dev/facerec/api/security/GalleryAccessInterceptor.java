package dev.facerec.api.security;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Applies {@link GalleryGuard} to every endpoint that names its gallery or person in the path, and to identify
 * (gallery in a parameter), before the endpoint runs. Endpoints with the gallery in a JSON body or none at all
 * (person creation, person and gallery listing) check it themselves.
 */
final class GalleryAccessInterceptor implements HandlerInterceptor {
    private final GalleryGuard guard;

    GalleryAccessInterceptor(GalleryGuard guard) {
        this.guard = requireNonNull(guard, "guard is null");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String pattern = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        @SuppressWarnings("unchecked")
        Map<String, String> variables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (pattern.startsWith("/api/v1/galleries/{id}")) {
            uuid(variables, "id").ifPresent(guard::check);
        } else if (pattern.startsWith("/api/v1/persons/{id}")) {
            uuid(variables, "id").ifPresent(guard::checkPerson);
        } else if (pattern.startsWith("/api/v1/persons/{personId}")) {
            uuid(variables, "personId").ifPresent(guard::checkPerson);
        } else if (pattern.equals("/api/v1/identify")) {
            parse(request.getParameter("galleryId")).ifPresent(guard::check);
        }
        return true;
    }

    private static java.util.Optional<UUID> uuid(Map<String, String> variables, String name) {
        return variables == null ? java.util.Optional.empty() : parse(variables.get(name));
    }

    /** Malformed ids pass here: the endpoint answers them with 400. */
    private static java.util.Optional<UUID> parse(String value) {
        try {
            return value == null ? java.util.Optional.empty() : java.util.Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
