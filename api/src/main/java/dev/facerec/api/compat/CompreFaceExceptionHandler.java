package dev.facerec.api.compat;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals this front door words itself. Every other error takes the service's one error path (a problem body from
 * {@code ApiExceptionHandler} or a filter) and is put into CompreFace's words by {@link CompreFaceErrorBodies}.
 */
@RestControllerAdvice(basePackageClasses = CompreFaceExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CompreFaceExceptionHandler {
    @ExceptionHandler(CompreFaceException.class)
    ResponseEntity<CompreFaceErrorBody> refused(CompreFaceException refusal) {
        return ResponseEntity.status(refusal.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new CompreFaceErrorBody(refusal.getMessage(), refusal.code()));
    }
}
