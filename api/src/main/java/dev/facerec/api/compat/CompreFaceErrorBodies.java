package dev.facerec.api.compat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts every RFC 9457 problem answered on CompreFace's paths into CompreFace's words ({@link CompreFaceDialect}),
 * whoever wrote it: the security chain (an unknown key), a size or deadline filter, the service's exception handler,
 * the error page after a refusal of the firewall. It runs first, so nothing on these paths answers past it, and on
 * error dispatches too (whose request names the error page; the path asked for is in an attribute).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class CompreFaceErrorBodies extends OncePerRequestFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CompreFaceDialect DIALECT = new CompreFaceDialect();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CompreFacePaths.matches(path(request));
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        translating(request, response, chain);
    }

    @Override
    protected void doFilterNestedErrorDispatch(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        translating(request, response, chain);
    }

    private static void translating(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var buffered = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, buffered);
        } finally {
            if (isProblem(buffered.getContentType())) {
                translate(request, buffered);
            }
            buffered.copyBodyToResponse();
        }
    }

    /** The path asked for, without the context path; on an error dispatch, the original request's. */
    private static String path(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String value ? value : request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static boolean isProblem(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
    }

    private static void translate(HttpServletRequest request, ContentCachingResponseWrapper response)
            throws IOException {
        JsonNode problem;
        try {
            problem = JSON.readTree(response.getContentAsByteArray());
        } catch (RuntimeException unreadable) {
            problem = JSON.createObjectNode();
        }
        var answer = DIALECT.answer(
                request.getMethod(),
                path(request),
                problem.path("code").asString(""),
                problem.path("detail").asString(""),
                response.getStatus(),
                request::getHeader);
        response.resetBuffer();
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setHeader(HttpHeaders.CONTENT_LENGTH, null);
        response.getOutputStream().write(answer.body());
    }
}
