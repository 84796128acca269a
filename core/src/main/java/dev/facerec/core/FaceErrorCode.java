package dev.facerec.core;

/**
 * The categories of failure the core reports. Adapters translate them to their own protocol (the api maps each to an
 * HTTP status); the core knows nothing of HTTP.
 */
public enum FaceErrorCode {
    /** The request is malformed: a missing or invalid field. */
    INVALID_REQUEST,
    /** The bytes are not an image we can read: empty, truncated, corrupt, or a non-image with an image name. */
    IMAGE_UNREADABLE,
    /** The bytes are a recognised format that the service does not decode (PDF, SVG, ...). */
    IMAGE_UNSUPPORTED,
    /** The image declares more pixels than the configured limit, or the upload has more bytes than allowed. */
    IMAGE_TOO_LARGE,
    /** No face was found where one was required. */
    NO_FACE,
    /** Several faces were found where exactly one was required. */
    MULTIPLE_FACES,
    /** A face was found but fails a quality gate (too small, blurred, extreme pose). */
    FACE_QUALITY,
    /** The addressed resource does not exist. */
    NOT_FOUND,
    /** The request conflicts with the current state. */
    CONFLICT,
    /** A dependency (model, database, store) is not available right now; retrying later may succeed. */
    UNAVAILABLE,
    /**
     * The request ran past its deadline ({@link RequestDeadline}) and was stopped between stages; retrying later,
     * when the service is less busy, may succeed.
     */
    REQUEST_TIMEOUT,
    /** The credentials are missing, wrong, expired or revoked. */
    UNAUTHENTICATED,
    /** The caller is known but may not do this. */
    FORBIDDEN,
    /** Too many attempts (failed sign-ins, requests); the details say when to retry. */
    RATE_LIMITED,
    /**
     * Stored data failed its integrity check: encrypted data that was altered, truncated, moved to another record, or
     * sealed under a key that is no longer configured. Never retried; the stored data or the keys need attention.
     */
    DATA_INTEGRITY
}
