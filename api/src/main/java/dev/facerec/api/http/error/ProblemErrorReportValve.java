package dev.facerec.api.http.error;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error page, for what fails before the application sees the request (a request line, header or path that
 * cannot be parsed, headers too large, CONNECT, an HTTP version or transfer coding Tomcat does not speak) and for an
 * error nothing in the application answered: the same problem body as every other error, in place of Tomcat's HTML
 * page. Added to the host of each server (the API port and the management port), replacing the default one.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String known = RequestIdFilter.requestId(request);
        String requestId = known != null ? known : UUID.randomUUID().toString();
        ProblemCode code = ProblemCode.ofStatus(status);
        if (code == ProblemCode.INTERNAL) {
            log.error("Error {} nothing else answered (request {})", status, requestId, throwable);
        } else {
            log.debug("Refused before the application: {} (request {})", status, requestId);
        }
        // No instance: the path may be the very thing that could not be parsed.
        ProblemDetail problem = Problems.of(code, detail(code, status, requestId), Map.of(), null, requestId);
        problem.setStatus(status);
        String path = request.getRequestURI();
        var dialect = ErrorDialects.of(path);
        if (dialect.isPresent()) {
            var answer = dialect.get()
                    .answer(request.getMethod(), path, code.name(), problem.getDetail(), status, request::getHeader);
            try {
                response.setStatus(answer.status());
                response.setContentType(answer.contentType());
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setHeader(RequestIdFilter.HEADER, requestId);
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(new String(answer.body(), StandardCharsets.UTF_8));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // As below: nobody is left to tell.
            }
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(RequestIdFilter.HEADER, requestId);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemWriter.json(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response could not be written; there is no one left to tell.
        }
    }

    private static String detail(ProblemCode code, int status, String requestId) {
        return switch (status) {
            case 400 ->
                "The request could not be read: its request line, a header (name, characters or total size) or the"
                        + " percent-encoding of its path is malformed.";
            case 405 -> "This method is not allowed here.";
            case 501 -> "The server does not implement this method or transfer coding.";
            case 505 -> "This HTTP version is not supported: use HTTP/1.1.";
            default ->
                code == ProblemCode.INTERNAL ? ApiExceptionHandler.internalDetail(requestId) : code.title() + ".";
        };
    }
}
