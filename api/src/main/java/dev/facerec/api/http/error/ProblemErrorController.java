package dev.facerec.api.http.error;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page: what fails outside Spring MVC (a filter, the container itself) is answered
 * with the same problem body as everything else, in place of Boot's default error JSON. A request for the error path
 * itself finds nothing there.
 */
@RestController
public class ProblemErrorController implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            // Asked for directly, /error is a path like any other with nothing at it: a 404, not a 500 that pages
            // the on-call through the error-rate alert.
            return ApiExceptionHandler.respond(ApiExceptionHandler.notFound(request));
        }
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                ? uri
                : request.getRequestURI();
        String requestId = RequestIdFilter.requestId(request);
        ProblemCode code = ProblemCode.ofStatus(status);
        String detail = switch (code) {
            case INTERNAL -> ApiExceptionHandler.internalDetail(requestId);
            case NOT_FOUND -> "There is nothing at " + path + ". The API lives under /api/v1.";
            default -> code.title() + ".";
        };
        if (status >= 500) {
            log.error(
                    "Error {} for {} (request {})",
                    status,
                    path,
                    requestId,
                    request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        }
        ProblemDetail problem = Problems.of(code, detail, Map.of(), path, requestId);
        problem.setStatus(status);
        return ApiExceptionHandler.respond(problem);
    }
}
