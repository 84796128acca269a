package dev.facerec.api.http.load;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.BackgroundWork;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.RequestDeadline;
import dev.facerec.core.Unchecked;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the CPU-heavy stages of a request (decoding, detection, embedding) on a fixed number of platform threads, one
 * per core, while the request's own thread waits.
 *
 * <p>Why: requests used to run all the way on virtual threads, which share one carrier thread per core. A virtual
 * thread that computes, or sits in native code (ONNX Runtime, the JPEG codec), keeps its carrier until it is done,
 * and the scheduler does not take it away: a few large uploads took every carrier for seconds, and nothing else ran
 * meanwhile, the health probes included. Here at most one stage per core computes at once, whatever the number of
 * requests, and the operating system schedules these threads beside everything else. A request on a virtual thread
 * (see {@link RequestThreads}) frees its carrier while it waits.
 *
 * <p>The stage keeps the caller's {@link BackgroundWork} mark, so a bulk enrolment's model runs stay on one core. A
 * background stage first waits, for a bounded time, while requests compute ({@link InteractiveLoad}): requests come
 * first.
 *
 * <p>The waiting request keeps its deadline: at {@code REQUEST_TIMEOUT} it stops waiting and answers 503 {@code
 * REQUEST_TIMEOUT}, whether its stage is still queued (it is then dropped) or already running (it runs to its end,
 * and the request's {@link RequestWork} keeps its memory share until then). The stage sees the same deadline, so it
 * does not start past it. Outside a request the wait has no end. A stage that asks for another stage runs it in
 * place.
 */
final class ComputeExecutor implements AutoCloseable {
    private static final ThreadLocal<Boolean> ON_COMPUTE_THREAD = ThreadLocal.withInitial(() -> false);

    private final ThreadPoolExecutor pool;
    private final InteractiveLoad interactive;

    /** Compute threads without priority for requests over background work. */
    ComputeExecutor(int threads) {
        this(threads, new InteractiveLoad(Duration.ZERO));
    }

    /**
     * @param interactive the requests computing now: a request's stage counts it there, and a background stage first
     *     waits for them (see {@link InteractiveLoad})
     */
    ComputeExecutor(int threads, InteractiveLoad interactive) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.interactive = requireNonNull(interactive, "interactive is null");
        AtomicInteger number = new AtomicInteger();
        // Unbounded: each queued stage belongs to a request that waits for it, and the decode budget and the
        // deadline bound those.
        this.pool = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), stage -> {
                    Thread thread = new Thread(
                            () -> {
                                ON_COMPUTE_THREAD.set(true);
                                stage.run();
                            },
                            "compute-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    int threads() {
        return pool.getMaximumPoolSize();
    }

    /**
     * {@code stage}'s result, computed on a compute thread; what it throws is thrown here.
     *
     * @throws FaceException {@code REQUEST_TIMEOUT} when the request's deadline passes first
     */
    <T> T call(Supplier<T> stage) {
        if (ON_COMPUTE_THREAD.get()) {
            return stage.get();
        }
        Optional<RequestDeadline> deadline = RequestDeadline.current();
        Optional<RequestWork> work = RequestWork.current();
        boolean background = BackgroundWork.active();
        RequestDeadline.check();
        if (background) {
            yieldToRequests();
        } else {
            work.ifPresent(request -> request.computes(interactive));
        }
        Future<T> result;
        try {
            result = pool.submit(() -> runFor(work, deadline, background, stage));
        } catch (RejectedExecutionException closed) {
            throw new FaceException(
                    FaceErrorCode.UNAVAILABLE, "The service is shutting down. Retry on another replica.");
        }
        try {
            return result.get(RequestDeadline.boundWait(Long.MAX_VALUE), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            drop(result);
            // A wait cut short by the deadline has outlasted it: this throws REQUEST_TIMEOUT.
            RequestDeadline.check();
            throw new IllegalStateException("a wait without a deadline timed out", e);
        } catch (InterruptedException e) {
            drop(result);
            Thread.currentThread().interrupt();
            throw new FaceException(
                    FaceErrorCode.UNAVAILABLE, "The request was cancelled while it was being processed.");
        } catch (ExecutionException e) {
            throw Unchecked.rethrown(e.getCause());
        }
    }

    private void yieldToRequests() {
        try {
            interactive.yieldToRequests();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceException(FaceErrorCode.UNAVAILABLE, "The background work was cancelled.");
        }
    }

    private static <T> T runFor(
            Optional<RequestWork> work, Optional<RequestDeadline> deadline, boolean background, Supplier<T> stage) {
        if (work.isPresent() && !work.get().join()) {
            throw new CancellationException("the request has ended");
        }
        try (RequestDeadline.Scope scope = deadline.map(RequestDeadline::enter).orElse(() -> {});
                RequestDeadline.Scope marked = background ? BackgroundWork.enter() : () -> {}) {
            return stage.get();
        } finally {
            work.ifPresent(RequestWork::leave);
        }
    }

    private void drop(Future<?> result) {
        result.cancel(true);
        if (result instanceof Runnable queued) {
            pool.remove(queued);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
