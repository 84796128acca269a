package dev.facerec.core.recognizer;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.Embedding;
import java.util.Map;

/**
 * The retryable refusals of a recognizer switch (a model migration's switch-over or rollback): a request caught by the
 * switch is answered {@code UNAVAILABLE} with {@code retryAfterSeconds} rather than with a wrong answer, and its retry
 * runs wholly with the new model. Embeddings of two models are never compared, searched or stored for one another.
 */
public final class ModelSwitch {
    /** A request that straddled the switch runs again at once: the new model is there already. */
    static final int RETRY_AFTER_SWITCHED_SECONDS = 1;

    /** An enrolment refused while this replica catches up with the database: loading a pack takes seconds. */
    static final int RETRY_AFTER_ENROLMENT_SECONDS = 2;

    private ModelSwitch() {}

    /**
     * Makes sure an embedding was made by the model the request started with.
     *
     * @throws FaceException {@code UNAVAILABLE} (retry at once) if the recognizer was switched between the two
     */
    public static Embedding require(String modelId, Embedding embedding) {
        requireNonNull(modelId, "modelId is null");
        if (!embedding.modelId().equals(modelId)) {
            throw switchedDuringRequest(modelId, embedding.modelId());
        }
        return embedding;
    }

    /** The recognizer was switched from {@code startedWith} to {@code now} while the request ran. */
    public static FaceException switchedDuringRequest(String startedWith, String now) {
        return refusal(
                "The recognition model was switched from " + startedWith + " to " + now
                        + " while this request ran; send it again.",
                RETRY_AFTER_SWITCHED_SECONDS,
                startedWith,
                now);
    }

    /** Whether {@code e} is one of these refusals (so retrying after {@link #retryAfterSeconds} succeeds). */
    public static boolean isSwitch(FaceException e) {
        return e.code() == FaceErrorCode.UNAVAILABLE && e.details().containsKey("activeModel");
    }

    /** The seconds a refusal asks the caller to wait before trying again. */
    public static int retryAfterSeconds(FaceException e) {
        return e.details().get("retryAfterSeconds") instanceof Number seconds
                ? Math.max(1, seconds.intValue())
                : RETRY_AFTER_ENROLMENT_SECONDS;
    }

    /** No index of {@code modelId} is held here any more: the request embedded with a recognizer since retired. */
    static FaceException notServed(String modelId, String active) {
        return switchedDuringRequest(modelId, active);
    }

    /**
     * A face embedded with {@code embedded} cannot be stored: the stored faces are kept in {@code active} now (a
     * switch-over or rollback committed, and this replica has not switched yet).
     */
    public static FaceException enrolmentRefused(String embedded, String active) {
        return refusal(
                "The service is switching its recognition model from " + embedded + " to " + active
                        + "; enrol the face again in a few seconds.",
                RETRY_AFTER_ENROLMENT_SECONDS,
                embedded,
                active);
    }

    /**
     * Every refusal carries the same details, which {@link #isSwitch} and {@link #retryAfterSeconds} read back: the
     * model the work was done with and the one active now.
     */
    private static FaceException refusal(String message, int retryAfterSeconds, String model, String activeModel) {
        return new FaceException(
                FaceErrorCode.UNAVAILABLE,
                message,
                Map.of("retryAfterSeconds", retryAfterSeconds, "model", model, "activeModel", activeModel));
    }
}
