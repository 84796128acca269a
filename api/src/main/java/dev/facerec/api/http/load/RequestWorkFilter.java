package dev.facerec.api.http.load;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens each request's {@link RequestWork}, so that the decode budget it takes goes back when the request and the
 * stages working for it have ended. Runs right after the deadline filter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestWorkFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (RequestWork.Scope work = RequestWork.open()) {
            chain.doFilter(request, response);
        }
    }
}
