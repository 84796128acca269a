package dev.facerec.storage;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.Map;

/**
 * The failure every {@link dev.facerec.core.store.ImageStore} adapter reports when its backing store cannot do what was
 * asked. The message is for the client and names no folder, host, bucket or credential; what went wrong travels in the
 * cause, for the log.
 */
public final class ImageStoreFailures {
    private ImageStoreFailures() {}

    /**
     * {@code UNAVAILABLE} for an image that could not be {@code action} ("stored", "read", "checked", "deleted",
     * "listed").
     */
    public static FaceException unavailable(String action, Throwable cause) {
        requireNonNull(action, "action is null");
        return new FaceException(
                FaceErrorCode.UNAVAILABLE,
                "The image could not be " + action + ": the image store is not available. Try again later.",
                Map.of(),
                cause);
    }
}
