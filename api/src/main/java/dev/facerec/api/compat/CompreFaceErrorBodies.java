package dev.facerec.api.compat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts every RFC 9457 problem answered on CompreFace's paths into CompreFace's error body {@code {"message", "code"}}
 * with its status, whoever wrote it: the security chain (an unknown key), a size or deadline filter, the service's
 * exception handler. Clients of CompreFace read {@code code} (Double Take treats 28 as "no face") and would choke on a
 * problem body. It runs first, so nothing on these paths answers past it, and on error dispatches too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class CompreFaceErrorBodies extends OncePerRequestFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SOMETHING_WENT_WRONG = "Something went wrong, please try again";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CompreFacePaths.matches(
                request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
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

    private static boolean isProblem(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
    }

    private static void translate(HttpServletRequest request, ContentCachingResponseWrapper response) {
        JsonNode problem;
        try {
            problem = JSON.readTree(response.getContentAsByteArray());
        } catch (RuntimeException unreadable) {
            problem = JSON.createObjectNode();
        }
        String code = problem.path("code").asString("");
        String detail = problem.path("detail").asString(SOMETHING_WENT_WRONG);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        CompreFaceErrorBody body;
        HttpStatus status;
        switch (code) {
            case "NO_FACE" -> {
                status = HttpStatus.BAD_REQUEST;
                body = new CompreFaceErrorBody("No face is found in the given image", 28);
            }
            // CompreFace answers every refusal of its detector with code 28: broken or unreadable images included.
            case "IMAGE_UNREADABLE", "IMAGE_UNSUPPORTED", "FACE_QUALITY" -> {
                status = HttpStatus.BAD_REQUEST;
                body = new CompreFaceErrorBody(detail, 28);
            }
            case "MULTIPLE_FACES" -> {
                status = HttpStatus.BAD_REQUEST;
                body = new CompreFaceErrorBody("More than one face in the source image", 31);
            }
            case "INVALID_REQUEST", "MISSING_FIELD" -> {
                status = HttpStatus.BAD_REQUEST;
                body = new CompreFaceErrorBody(detail, 26);
            }
            case "UNAUTHENTICATED" -> {
                status = HttpStatus.NOT_FOUND;
                body = new CompreFaceErrorBody(
                        CompreFacePaths.service(path) + " service with API Key " + keyPrefix(request)
                                + " not found: the key is malformed, unknown, revoked or expired, or its owner's"
                                + " account is disabled or gone",
                        10);
            }
            // CompreFace answers a wrong method with 404 and code 0.
            case "METHOD_NOT_ALLOWED" -> {
                status = HttpStatus.NOT_FOUND;
                body = new CompreFaceErrorBody("Request method '" + request.getMethod() + "' not supported", 0);
            }
            case "INTERNAL" -> {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
                body = new CompreFaceErrorBody(SOMETHING_WENT_WRONG, 0);
            }
            // The rest keep their status (a size limit stays 413, a busy service 503, a throttle 429 with its
            // Retry-After): CompreFace has no code for them, and clients treat every non-2xx as a failure.
            default -> {
                status = HttpStatus.resolve(response.getStatus());
                if (status == null || !status.isError()) {
                    status = HttpStatus.BAD_REQUEST;
                }
                body = new CompreFaceErrorBody(detail, 0);
            }
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_LENGTH, null);
        try {
            response.getOutputStream().write(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Only the key's public prefix is echoed: the secret part never goes back out. */
    private static String keyPrefix(HttpServletRequest request) {
        String key = request.getHeader(CompreFaceKeyRequired.HEADER);
        if (key == null) {
            return "";
        }
        String prefix = key.strip().split("\\.", 2)[0];
        return prefix.length() > 16 ? prefix.substring(0, 16) + "..." : prefix;
    }
}
