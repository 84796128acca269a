package dev.facerec.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Background work (a bulk enrolment job, a model migration) that the service refuses only because it is busy right now
 * ({@code UNAVAILABLE}: no inference slot free in time, the decode memory taken by requests) is tried again after a
 * pause, a few times, instead of counting the photo as refused or the face as failed for a passing reason. Requests
 * do not use this: they answer 503 with {@code Retry-After} and let the client decide.
 */
public final class WhenBusy {
    private WhenBusy() {}

    /**
     * What {@code work} gives, tried up to {@code attempts} times while it throws {@code UNAVAILABLE}, {@code pause}
     * apart.
     *
     * @throws FaceException the last refusal when every attempt was refused as busy, any other refusal at once, and
     *     the busy refusal at once when the thread is interrupted during a pause (the interrupt is kept)
     */
    public static <T> T retried(Supplier<T> work, int attempts, Duration pause) {
        requireNonNull(work, "work is null");
        requireNonNull(pause, "pause is null");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (FaceException e) {
                if (e.code() != FaceErrorCode.UNAVAILABLE || attempt >= attempts || !paused(pause)) {
                    throw e;
                }
            }
        }
    }

    private static boolean paused(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
