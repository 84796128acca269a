package dev.facerec.api.http.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives interactive requests priority over background work (bulk enrolment jobs) for the compute stages.
 *
 * <p>A request counts from its first compute stage until it and every stage working for it have ended ({@link
 * RequestWork}), so the gaps between its stages (alignment, the index search, writing the answer) count too. A
 * background stage waits while any request counts, for at most {@link #maxYield()}, then runs anyway: under a steady
 * stream of requests a job still moves, a stage at a time. A request that finds the job waiting gets every core for
 * its model runs (the inference gate's wide lane) instead of one; without this, a job held one core the whole time and
 * a request arriving during it ran single-threaded beside the job's runs.
 *
 * <p>Requests that never compute (a job's progress stream, health probes, listing) do not count, so a client that
 * watches a job does not slow it.
 */
final class InteractiveLoad {
    private final Duration maxYield;
    /** Requests computing now; guarded by this. */
    private int computing;
    /** Background stages that waited for requests, and how long in all; guarded by this. */
    private long yields;

    private long yieldedNanos;

    /** @param maxYield how long a background stage waits for requests at most; zero never waits */
    InteractiveLoad(Duration maxYield) {
        if (maxYield == null || maxYield.isNegative()) {
            throw new IllegalArgumentException("maxYield must be zero or positive: " + maxYield);
        }
        this.maxYield = maxYield;
    }

    Duration maxYield() {
        return maxYield;
    }

    /** A request starts computing; {@link #ended} must follow, once. */
    synchronized void started() {
        computing++;
    }

    /** A request and its stages have ended. */
    synchronized void ended() {
        if (computing == 0) {
            throw new IllegalStateException("ended more often than started");
        }
        computing--;
        if (computing == 0) {
            notifyAll();
        }
    }

    /**
     * Waits while requests compute, at most {@link #maxYield()}.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void yieldToRequests() throws InterruptedException {
        if (maxYield.isZero()) {
            return;
        }
        synchronized (this) {
            if (computing == 0) {
                return;
            }
            long start = System.nanoTime();
            long end = start + maxYield.toNanos();
            try {
                for (long left = end - start; computing > 0 && left > 0; left = end - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } finally {
                yields++;
                yieldedNanos += System.nanoTime() - start;
            }
        }
    }

    synchronized int computing() {
        return computing;
    }

    /** Background stages that found requests computing and waited for them. */
    synchronized long yields() {
        return yields;
    }

    /** Seconds background stages spent waiting for requests, in all. */
    synchronized double yieldedSeconds() {
        return yieldedNanos / 1e9;
    }
}
