package dev.facerec.api.rest.gallery;

import dev.facerec.api.http.error.NamesInvalidFields;
import dev.facerec.api.http.error.ProblemCode;
import dev.facerec.api.http.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Names the field in 400 answers to invalid request bodies and parameters of the controllers marked
 * {@link NamesInvalidFields} (gallery, person, identify and audit endpoints: {@code details.field},
 * {@code details.reason}); runs before the shared handler, which knows only that the request was invalid. Scoped by the
 * mark rather than by package names, which drifted when the controllers moved.
 */
@RestControllerAdvice(annotations = NamesInvalidFields.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ValidationAdvice {
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        FieldError error = e.getBindingResult().getFieldError();
        String field = error == null ? "body" : error.getField();
        String reason = error == null ? "is invalid" : error.getDefaultMessage();
        return invalid(field, reason, request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String field = result.getMethodParameter().getParameterName();
            String reason = result.getResolvableErrors().isEmpty()
                    ? "is invalid"
                    : result.getResolvableErrors().getFirst().getDefaultMessage();
            return invalid(field == null ? "parameter" : field, reason, request);
        }
        return invalid("parameter", "is invalid", request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> invalidParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String expected =
                e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return invalid(e.getName(), "must be a valid " + expected, request);
    }

    private static ResponseEntity<ProblemDetail> invalid(String field, String reason, HttpServletRequest request) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        details.put("reason", reason);
        ProblemDetail problem =
                Problems.of(ProblemCode.INVALID_REQUEST, "The field '" + field + "' " + reason + ".", details, request);
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
