package dev.facerec.api.http.error;

import dev.facerec.core.FaceErrorCode;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Every {@code code} a problem response can carry, with its HTTP status and stable {@code type} URI. Clients branch on
 * {@code code}; the names of the core's {@link FaceErrorCode} are kept as they are.
 */
public enum ProblemCode {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
    MISSING_FIELD(HttpStatus.BAD_REQUEST, "Missing field"),
    IMAGE_UNREADABLE(HttpStatus.UNPROCESSABLE_CONTENT, "Image unreadable"),
    IMAGE_UNSUPPORTED(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Image format not supported"),
    IMAGE_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Image too large"),
    UPLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Upload too large"),
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    NO_FACE(HttpStatus.UNPROCESSABLE_CONTENT, "No face found"),
    MULTIPLE_FACES(HttpStatus.UNPROCESSABLE_CONTENT, "Several faces found"),
    FACE_QUALITY(HttpStatus.UNPROCESSABLE_CONTENT, "Face quality too low"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    CONFLICT(HttpStatus.CONFLICT, "Conflict"),
    /** A retry with the Idempotency-Key of a request that is still running. */
    IDEMPOTENCY_IN_PROGRESS(HttpStatus.CONFLICT, "Request in progress"),
    /** An Idempotency-Key sent again with a different request. */
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    REQUEST_TIMEOUT(HttpStatus.SERVICE_UNAVAILABLE, "Request took too long"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    /** A method, transfer coding or HTTP version the server does not speak (501, or 505 for the version). */
    NOT_IMPLEMENTED(HttpStatus.NOT_IMPLEMENTED, "Not implemented"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private static final String TYPE_BASE = "https://facerec.dev/problems/";

    private final HttpStatus status;
    private final String title;
    private final URI type;

    ProblemCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
        this.type = URI.create(TYPE_BASE + name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    public static ProblemCode of(FaceErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> INVALID_REQUEST;
            case IMAGE_UNREADABLE -> IMAGE_UNREADABLE;
            case IMAGE_UNSUPPORTED -> IMAGE_UNSUPPORTED;
            case IMAGE_TOO_LARGE -> IMAGE_TOO_LARGE;
            case NO_FACE -> NO_FACE;
            case MULTIPLE_FACES -> MULTIPLE_FACES;
            case FACE_QUALITY -> FACE_QUALITY;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case UNAVAILABLE -> UNAVAILABLE;
            case REQUEST_TIMEOUT -> REQUEST_TIMEOUT;
            case UNAUTHENTICATED -> UNAUTHENTICATED;
            case FORBIDDEN -> FORBIDDEN;
            case RATE_LIMITED -> RATE_LIMITED;
            // The caller cannot fix it and must not learn more than that something failed on our side.
            case DATA_INTEGRITY -> INTERNAL;
        };
    }

    /** The code for a status that no more specific exception explains (the servlet container's error page). */
    static ProblemCode ofStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> UPLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 501, 505 -> NOT_IMPLEMENTED;
            case 503 -> UNAVAILABLE;
            default -> status >= 400 && status < 500 ? INVALID_REQUEST : INTERNAL;
        };
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI type() {
        return type;
    }
}
