package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import dev.facerec.api.http.error.ProblemCode;
import dev.facerec.api.http.error.ProblemWriter;
import dev.facerec.core.account.AttemptCounter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests per minute, per caller (user, external subject or API key) and per client address: past either limit the
 * answer is 429 with {@code Retry-After}. Health probes are exempt so that a busy client never makes an instance look
 * dead to its load balancer. Counters are shared through Redis when it is configured.
 */
final class RateLimitFilter extends OncePerRequestFilter {
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Set<String> EXEMPT = Set.of("/health", "/health/live", "/health/ready", "/api/v1/health");

    private final AttemptCounter counters;
    private final int perCaller;
    private final int perAddress;

    RateLimitFilter(AttemptCounter counters, int perCaller, int perAddress) {
        this.counters = requireNonNull(counters, "counters is null");
        this.perCaller = perCaller;
        this.perAddress = perAddress;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return EXEMPT.contains(request.getRequestURI()) || (perCaller == 0 && perAddress == 0);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String exceeded = null;
        if (perAddress > 0 && counters.increment("rate:address:" + request.getRemoteAddr(), WINDOW) > perAddress) {
            exceeded = "from your address (" + perAddress + " a minute)";
        }
        var caller = Caller.current();
        if (exceeded == null
                && perCaller > 0
                && caller.isPresent()
                && counters.increment("rate:caller:" + caller.get().name(), WINDOW) > perCaller) {
            exceeded = "for " + caller.get().name() + " (" + perCaller + " a minute)";
        }
        if (exceeded != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(WINDOW.toSeconds()));
            ProblemWriter.write(
                    request,
                    response,
                    ProblemCode.RATE_LIMITED,
                    "Too many requests " + exceeded + ". Retry after " + WINDOW.toSeconds() + " seconds.",
                    Map.of("retryAfterSeconds", WINDOW.toSeconds()));
            return;
        }
        chain.doFilter(request, response);
    }
}
