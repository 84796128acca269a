package dev.facerec.core;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The one exception the core and its adapters throw for expected failures. The message is written for the person
 * who sent the request: it says what was wrong and what to do about it. {@link #details()} carries structured
 * context (which image, which limit) that clients can act on programmatically.
 */
public final class FaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FaceErrorCode code;
    private final transient Map<String, Object> details;

    public FaceException(FaceErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public FaceException(FaceErrorCode code, String message, Map<String, Object> details) {
        this(code, message, details, null);
    }

    public FaceException(FaceErrorCode code, String message, Map<String, Object> details, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.details = Map.copyOf(requireNonNull(details, "details is null"));
    }

    public FaceErrorCode code() {
        return code;
    }

    /** Structured, non-sensitive context for clients; never contains image bytes or embeddings. */
    public Map<String, Object> details() {
        return details;
    }
}
