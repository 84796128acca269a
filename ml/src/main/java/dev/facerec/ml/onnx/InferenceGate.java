package dev.facerec.ml.onnx;

import dev.facerec.core.BackgroundWork;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.RequestDeadline;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Shares the cores between model runs. There are as many slots as cores. A run that finds every slot free takes
 * them all and runs on the {@link Lane#WIDE} session (all cores for one request: the lowest latency on an idle
 * machine); otherwise it waits for one slot and runs on the {@link Lane#NARROW} single-threaded session, so that
 * concurrent requests run side by side instead of fighting over intra-op threads (the highest throughput under
 * load). Work marked as {@link BackgroundWork} always takes one slot and the narrow lane. Waiting is bounded: a run that gets no slot in time fails with {@code UNAVAILABLE} rather than hanging, and
 * within a request it waits no longer than the request's {@link RequestDeadline} (then {@code REQUEST_TIMEOUT}). A run
 * does not start once that deadline has passed.
 */
public final class InferenceGate {
    private final Semaphore slots;
    private final int slotCount;
    private final boolean adaptive;
    private final long timeoutMillis;

    private InferenceGate(int slotCount, boolean adaptive, long timeoutMillis) {
        if (slotCount < 1) {
            throw new IllegalArgumentException("slotCount must be >= 1");
        }
        this.slotCount = slotCount;
        this.adaptive = adaptive;
        this.slots = new Semaphore(slotCount, true);
        this.timeoutMillis = timeoutMillis;
    }

    /** One slot per core; idle runs go wide, concurrent runs narrow. */
    public static InferenceGate adaptive(int cores, long timeoutMillis) {
        return new InferenceGate(cores, cores > 1, timeoutMillis);
    }

    /** A fixed number of concurrent runs, all on the narrow lane (whose thread count the operator chose). */
    public static InferenceGate fixed(int concurrency, long timeoutMillis) {
        return new InferenceGate(concurrency, false, timeoutMillis);
    }

    public <T> T run(Function<Lane, T> work) {
        Lane lane = acquire();
        try {
            return work.apply(lane);
        } finally {
            slots.release(lane == Lane.WIDE ? slotCount : 1);
        }
    }

    private Lane acquire() {
        RequestDeadline.check();
        // Only when nobody queues: barging past waiting requests with a wide run would starve them. Background work
        // (a bulk enrolment) never goes wide: a request arriving during its run finds the other cores free, and one
        // core per run is also the least CPU per photo (intra-op threads cost more in total than they save in time).
        if (adaptive && !BackgroundWork.active() && !slots.hasQueuedThreads() && slots.tryAcquire(slotCount)) {
            return Lane.WIDE;
        }
        boolean acquired;
        long waitMillis = RequestDeadline.boundWait(timeoutMillis);
        try {
            acquired = slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceException(FaceErrorCode.UNAVAILABLE, "The request was cancelled while waiting for inference");
        }
        if (!acquired) {
            // A wait cut short by the request's deadline has outlasted it: this throws REQUEST_TIMEOUT.
            RequestDeadline.check();
            throw new FaceException(
                    FaceErrorCode.UNAVAILABLE,
                    "The service is saturated: no inference slot was free within " + timeoutMillis
                            + " ms. Retry later or add replicas.",
                    Map.of("waitedMillis", timeoutMillis));
        }
        return Lane.NARROW;
    }

    /** How many runs may execute at once. */
    public int concurrency() {
        return slotCount;
    }

    public boolean isAdaptive() {
        return adaptive;
    }

    /** Which session a run uses. */
    public enum Lane {
        /** Every core for one run. */
        WIDE,
        /** One run among several at the same time. */
        NARROW
    }
}
