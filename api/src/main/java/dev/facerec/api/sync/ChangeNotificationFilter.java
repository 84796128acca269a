package dev.facerec.api.sync;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Announces a change after every successful write to galleries, persons and faces. The use cases have committed by
 * the time the controller answers 2xx, so the other replicas find the change in the log. Announcing too often is
 * harmless (a catch-up that finds nothing); a write that changed no face, such as renaming a person, costs one empty
 * catch-up per replica, which is simpler than a list of which writes touch the index.
 */
final class ChangeNotificationFilter extends OncePerRequestFilter {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern PATHS = Pattern.compile("/api/v1/(galleries|persons)(/.*)?");
    // A verification is a POST that changes nothing.
    private static final Pattern READS = Pattern.compile("/api/v1/persons/[^/]+/verify/?");

    private final Runnable changed;

    ChangeNotificationFilter(Runnable changed) {
        this.changed = changed;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !WRITES.contains(request.getMethod())
                || !PATHS.matcher(path).matches()
                || READS.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status >= 200 && status < 300) {
            changed.run();
        }
    }
}
