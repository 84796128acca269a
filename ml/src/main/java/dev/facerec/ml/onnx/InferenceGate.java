package dev.facerec.ml.onnx;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many model runs execute at once, so that many concurrent requests queue for the cores instead of
 * oversubscribing them (each run already uses several intra-op threads). Waiting is bounded too: a request that
 * cannot get a slot in time fails with {@code UNAVAILABLE} rather than hanging.
 */
public final class InferenceGate {
    private final Semaphore permits;
    private final int concurrency;
    private final long timeoutMillis;

    public InferenceGate(int concurrency, long timeoutMillis) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1");
        }
        this.concurrency = concurrency;
        this.permits = new Semaphore(concurrency, true);
        this.timeoutMillis = timeoutMillis;
    }

    public <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceException(FaceErrorCode.UNAVAILABLE, "The request was cancelled while waiting for inference");
        }
        if (!acquired) {
            throw new FaceException(
                    FaceErrorCode.UNAVAILABLE,
                    "The service is saturated: no inference slot was free within " + timeoutMillis
                            + " ms. Retry later or add replicas.",
                    Map.of("waitedMillis", timeoutMillis));
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    public int concurrency() {
        return concurrency;
    }
}
