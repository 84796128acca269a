package dev.facerec.api.http.error;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane, else a new UUID. The id is in the
 * logging MDC while the request runs, in the response header and in every problem body, so a client's report can be
 * matched with the server log. Runs first, so every later filter and error path sees the id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    /** One line per request at DEBUG (LOG_LEVEL=DEBUG or LOGGING_LEVEL_DEV_FACEREC_ACCESS=DEBUG); off by default. */
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.facerec.access");

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The id of the request being handled, or {@code null} outside a request. */
    public static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String value ? value : MDC.get(MDC_KEY);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = saneOrNew(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (ACCESS.isDebugEnabled() && request.getDispatcherType() == DispatcherType.REQUEST) {
                // The path only: query strings can carry search terms and are not needed to follow a request.
                ACCESS.debug(
                        "{} {} {} {} ms",
                        request.getMethod(),
                        request.getRequestURI(),
                        response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        // The container's error dispatch keeps the id of the request that failed.
        return false;
    }

    static String saneOrNew(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches()
                ? candidate
                : UUID.randomUUID().toString();
    }
}
