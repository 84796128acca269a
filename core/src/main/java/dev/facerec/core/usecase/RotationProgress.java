package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Where a key rotation stands. Totals are counted when the run starts; faces enrolled meanwhile are already sealed
 * under the current key and faces deleted meanwhile are skipped, so {@code done} may end a little below the total.
 *
 * @param keyId the key everything is being moved under
 * @param failed embeddings and images that could not be re-encrypted in this run (a later run retries them)
 * @param error the kind of failure that stopped the run, or null
 */
public record RotationProgress(
        State state,
        String keyId,
        long embeddingsTotal,
        long embeddingsDone,
        long imagesTotal,
        long imagesDone,
        long failed,
        Instant startedAt,
        Instant finishedAt,
        String error) {
    public enum State {
        IDLE,
        RUNNING,
        DONE,
        FAILED
    }

    public RotationProgress {
        requireNonNull(state, "state is null");
        requireNonNull(keyId, "keyId is null");
    }

    static RotationProgress idle(String keyId) {
        return new RotationProgress(State.IDLE, keyId, 0, 0, 0, 0, 0, null, null, null);
    }

    static RotationProgress started(String keyId, long embeddings, long images, Instant at) {
        return new RotationProgress(State.RUNNING, keyId, embeddings, 0, images, 0, 0, at, null, null);
    }

    RotationProgress embeddingDone() {
        return new RotationProgress(
                state,
                keyId,
                embeddingsTotal,
                embeddingsDone + 1,
                imagesTotal,
                imagesDone,
                failed,
                startedAt,
                null,
                null);
    }

    RotationProgress imageDone() {
        return new RotationProgress(
                state,
                keyId,
                embeddingsTotal,
                embeddingsDone,
                imagesTotal,
                imagesDone + 1,
                failed,
                startedAt,
                null,
                null);
    }

    RotationProgress failure() {
        return new RotationProgress(
                state,
                keyId,
                embeddingsTotal,
                embeddingsDone,
                imagesTotal,
                imagesDone,
                failed + 1,
                startedAt,
                null,
                null);
    }

    RotationProgress finished(State end, Instant at, String why) {
        return new RotationProgress(
                end, keyId, embeddingsTotal, embeddingsDone, imagesTotal, imagesDone, failed, startedAt, at, why);
    }
}
