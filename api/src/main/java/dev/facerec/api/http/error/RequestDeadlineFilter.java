package dev.facerec.api.http.error;

import dev.facerec.core.RequestDeadline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a deadline of {@code REQUEST_TIMEOUT} ({@code facerec.request-timeout}, 30 s by default) from
 * the moment it reaches the service. The deadline is cooperative ({@link RequestDeadline}): the pipeline stages
 * (decode, detect, embed, search) do not start after it, and waiting for an inference slot ends at it; the request
 * then ends with 503 {@code REQUEST_TIMEOUT} and {@code Retry-After}. Decoding, detection and embedding run on compute
 * threads while the request waits at most until the deadline ({@code dev.facerec.api.http.load.ComputeExecutor}), so the
 * request answers on time even while one of them still runs; a database or Redis call is bounded by its own timeout,
 * so a request in one may overrun the deadline by that call. Tomcat's {@code connection-timeout} separately bounds
 * reading the request. Runs right after {@link RequestIdFilter}, so the time spent in the other filters counts too.
 */
@Component
// A component is processed like a configuration class: the record is bound wherever the filter is (web slices too).
@EnableConfigurationProperties(RequestProperties.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestDeadlineFilter extends OncePerRequestFilter {
    private final Duration timeout;

    public RequestDeadlineFilter(RequestProperties properties) {
        this.timeout = properties.requestTimeout();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (RequestDeadline.Scope deadline = RequestDeadline.start(timeout)) {
            chain.doFilter(request, response);
        }
    }
}
