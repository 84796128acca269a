package dev.facerec.api.compat;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * A refusal in CompreFace's words: its HTTP status, its numeric {@code code} and a message (CompreFace's own where
 * clients may compare it, else one a person can act on). Answered as {@code {"message", "code"}}.
 */
final class CompreFaceException extends RuntimeException {
    private final HttpStatus status;
    private final int code;

    CompreFaceException(HttpStatus status, int code, String message) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.status = requireNonNull(status, "status is null");
        this.code = code;
    }

    HttpStatus status() {
        return status;
    }

    int code() {
        return code;
    }

    /** Code 26, CompreFace's constraint violation; its messages end in {@code "; "}. */
    static CompreFaceException invalid(String message) {
        return new CompreFaceException(HttpStatus.BAD_REQUEST, 26, message);
    }

    /** Code 28: CompreFace answers every refusal of its detector so, and Double Take relies on it. */
    static CompreFaceException noFace() {
        return new CompreFaceException(HttpStatus.BAD_REQUEST, 28, "No face is found in the given image");
    }

    static CompreFaceException moreThanOneFace() {
        return new CompreFaceException(HttpStatus.BAD_REQUEST, 31, "More than one face in the source image");
    }

    static CompreFaceException missingParameter(String name) {
        return new CompreFaceException(HttpStatus.BAD_REQUEST, 33, "Required parameter " + name + " is missing");
    }

    static CompreFaceException missingPart(String name) {
        return new CompreFaceException(HttpStatus.BAD_REQUEST, 34, "Required part " + name + " is missing");
    }

    static CompreFaceException emptyField(String field) {
        return new CompreFaceException(HttpStatus.BAD_REQUEST, 5, "Field " + field + " cannot be empty");
    }

    static CompreFaceException subjectNotFound(String subject) {
        return new CompreFaceException(HttpStatus.NOT_FOUND, 42, "Subject " + subject + " not found");
    }

    static CompreFaceException subjectExists() {
        return new CompreFaceException(HttpStatus.BAD_REQUEST, 43, "Subject already exists");
    }

    static CompreFaceException imageNotFound(UUID imageId) {
        return new CompreFaceException(HttpStatus.NOT_FOUND, 44, "Image " + imageId + " not found");
    }
}
