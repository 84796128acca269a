package dev.facerec.core.recognizer;

/**
 * The last check before a face is stored, run under the face write lock that a switch-over's swap takes too: the
 * face's embedding must be of the model the stored faces are kept in now. A replica that has not yet switched with the
 * database (it polls every few seconds) would otherwise store an old-model face after the swap, which no index of the
 * new model would ever find.
 */
@FunctionalInterface
public interface ModelGuard {
    /** For a service without model migrations (tests, slices): every model is accepted. */
    ModelGuard ANY = modelId -> {};

    /**
     * @throws dev.facerec.core.FaceException {@code UNAVAILABLE} with {@code retryAfterSeconds} if faces are no
     *     longer stored with {@code modelId} (see {@link ModelSwitch#enrolmentRefused})
     */
    void requireCurrent(String modelId);
}
