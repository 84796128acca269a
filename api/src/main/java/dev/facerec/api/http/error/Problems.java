package dev.facerec.api.http.error;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 bodies of every error response, so they all carry the same members. */
public final class Problems {
    private Problems() {}

    /**
     * A problem for {@code code} about the request being handled.
     *
     * @param detail what went wrong and what the caller can do about it
     * @param details structured context for clients (which image, which field, which limit); may be empty
     */
    public static ProblemDetail of(
            ProblemCode code, String detail, Map<String, ?> details, String path, String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
        problem.setType(code.type());
        problem.setTitle(code.title());
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        problem.setProperty("code", code.name());
        problem.setProperty("requestId", requestId);
        if (!details.isEmpty()) {
            problem.setProperty("details", details);
        }
        return problem;
    }

    public static ProblemDetail of(
            ProblemCode code, String detail, Map<String, ?> details, HttpServletRequest request) {
        return of(code, detail, details, request.getRequestURI(), RequestIdFilter.requestId(request));
    }
}
