package dev.facerec.ml.pack;

/**
 * A model pack cannot be used: its manifest is missing or invalid, or a model file is missing or does not match the
 * SHA-256 its manifest declares. The message names the file, the expected digest and how to fix it. Thrown at
 * start-up, so the service refuses to start rather than serving with the wrong model.
 */
public final class ModelPackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelPackException(String message) {
        super(message);
    }

    public ModelPackException(String message, Throwable cause) {
        super(message, cause);
    }
}
