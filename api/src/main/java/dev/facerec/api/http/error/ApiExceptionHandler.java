package dev.facerec.api.http.error;

import dev.facerec.api.app.config.UploadProperties;
import dev.facerec.core.FaceException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem with a stable {@code type} and a
 * {@code code}. Spring's own exceptions keep their status and get our members; anything unexpected becomes a bare
 * 500 whose body says nothing about the cause, which goes to the log with the request id instead.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final UploadProperties upload;

    public ApiExceptionHandler(UploadProperties upload) {
        this.upload = upload;
    }

    @ExceptionHandler(FaceException.class)
    ResponseEntity<ProblemDetail> handleFaceException(FaceException e, HttpServletRequest request) {
        ProblemCode code = ProblemCode.of(e.code());
        if (code.status().is5xxServerError() && e.details().containsKey("retryAfterSeconds")) {
            // Shed under load or past the request's deadline: expected at saturation, and a stack trace per request
            // would flood the log exactly when the service is busiest (126 shed requests made 26 000 lines).
            log.warn("{} {} shed: {} {}", request.getMethod(), request.getRequestURI(), code, e.getMessage());
        } else if (code.status().is5xxServerError()) {
            log.error("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
        } else {
            log.debug("{} {} refused: {} {}", request.getMethod(), request.getRequestURI(), code, e.getMessage());
        }
        if (code == ProblemCode.INTERNAL) {
            // Our fault (stored data failed its integrity check): the log has the detail, the client a request id.
            return respond(Problems.of(code, internalDetail(RequestIdFilter.requestId(request)), Map.of(), request));
        }
        ResponseEntity<ProblemDetail> response = respond(Problems.of(code, e.getMessage(), e.details(), request));
        if (e.details().get("retryAfterSeconds") instanceof Number seconds) {
            return ResponseEntity.status(response.getStatusCode())
                    .headers(response.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, seconds.longValue())))
                    .body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler(MissingFieldException.class)
    ResponseEntity<ProblemDetail> handleMissingField(MissingFieldException e, HttpServletRequest request) {
        return respond(Problems.of(ProblemCode.MISSING_FIELD, e.getMessage(), Map.of("field", e.field()), request));
    }

    /** A body that claims to be multipart but cannot be parsed (the size limits have their own handler). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> handleMultipart(MultipartException e, HttpServletRequest request) {
        log.debug("Unreadable multipart request: {}", e.toString());
        return respond(Problems.of(
                ProblemCode.INVALID_REQUEST,
                "The request body is not valid multipart/form-data. Send the image as a file field of a"
                        + " multipart/form-data request.",
                Map.of(),
                request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e, HttpServletRequest request) {
        String requestId = RequestIdFilter.requestId(request);
        log.error("Unexpected error in {} {} (request {})", request.getMethod(), request.getRequestURI(), requestId, e);
        return respond(Problems.of(ProblemCode.INTERNAL, internalDetail(requestId), Map.of(), request));
    }

    /** Spring MVC's own exceptions: keep the status Spring chose, replace the body with ours. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest webRequest) {
        HttpServletRequest request = ((NativeWebRequest) webRequest).getNativeRequest(HttpServletRequest.class);
        ProblemDetail problem = translate(e, status, body, request);
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(
                e, problem, problemHeaders, HttpStatusCode.valueOf(problem.getStatus()), webRequest);
    }

    private ProblemDetail translate(
            Exception e, HttpStatusCode status, @Nullable Object body, HttpServletRequest request) {
        return switch (e) {
            case MissingServletRequestPartException missing ->
                Problems.of(
                        ProblemCode.MISSING_FIELD,
                        MissingFieldException.imageField(missing.getRequestPartName())
                                .getMessage(),
                        Map.of("field", missing.getRequestPartName()),
                        request);
            case MissingServletRequestParameterException missing ->
                Problems.of(
                        ProblemCode.MISSING_FIELD,
                        "The request parameter '" + missing.getParameterName() + "' is missing.",
                        Map.of("field", missing.getParameterName()),
                        request);
            case MaxUploadSizeExceededException tooLarge -> uploadTooLarge(request);
            case HttpMessageNotReadableException unreadable -> UnreadableBody.problem(unreadable, request);
            case NoResourceFoundException notFound -> notFound(request);
            case NoHandlerFoundException notFound -> notFound(request);
            case HttpRequestMethodNotSupportedException method ->
                Problems.of(ProblemCode.METHOD_NOT_ALLOWED, methodNotAllowed(method), Map.of(), request);
            case HttpMediaTypeNotSupportedException mediaType ->
                Problems.of(
                        ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                        detailOf(body, "This content type is not supported."),
                        Map.of(),
                        request);
            case HttpMediaTypeNotAcceptableException notAcceptable ->
                Problems.of(
                        ProblemCode.NOT_ACCEPTABLE,
                        "No acceptable representation: accept application/json.",
                        Map.of(),
                        request);
            default -> {
                ProblemCode code = ProblemCode.ofStatus(status.value());
                if (code == ProblemCode.INTERNAL) {
                    String requestId = RequestIdFilter.requestId(request);
                    log.error(
                            "Error in {} {} (request {})", request.getMethod(), request.getRequestURI(), requestId, e);
                    yield Problems.of(code, internalDetail(requestId), Map.of(), request);
                }
                ProblemDetail problem = Problems.of(code, detailOf(body, "The request is invalid."), Map.of(), request);
                problem.setStatus(status.value());
                yield problem;
            }
        };
    }

    private ProblemDetail uploadTooLarge(HttpServletRequest request) {
        return Problems.of(
                ProblemCode.UPLOAD_TOO_LARGE,
                "The upload is too large: each image may have at most "
                        + upload.maxBytes().toBytes()
                        + " bytes and a request at most "
                        + upload.maxRequestBytes().toBytes()
                        + " bytes. Send a smaller or more compressed image.",
                Map.of(
                        "maxImageBytes", upload.maxBytes().toBytes(),
                        "maxRequestBytes", upload.maxRequestBytes().toBytes()),
                request);
    }

    private static String methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        String[] supported = e.getSupportedMethods();
        return supported == null
                ? "Method " + e.getMethod() + " is not allowed here."
                : "Method " + e.getMethod() + " is not allowed here; use " + String.join(" or ", supported) + ".";
    }

    static ProblemDetail notFound(HttpServletRequest request) {
        return Problems.of(
                ProblemCode.NOT_FOUND,
                "There is nothing at " + request.getRequestURI() + ". The API lives under /api/v1.",
                Map.of(),
                request);
    }

    static String internalDetail(String requestId) {
        return "The server failed to handle the request. Retry later; if it persists, report request id " + requestId
                + ".";
    }

    private static String detailOf(@Nullable Object body, String fallback) {
        return body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail() : fallback;
    }

    /** Always problem+json, whatever the client accepts: an error must not fail content negotiation. */
    static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
