package dev.facerec.api.http.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one request holds of the {@link DecodeMemoryBudget}: the shares of the images it decoded. Its decoded pixels
 * live until the request ends, so its shares go back then, or later: a request that ran out of time answers while a
 * stage of its work may still run on a compute thread ({@link ComputeExecutor}), and that stage still holds the
 * pixels. The shares go back when the request and every stage working for it have ended, whichever is last. So does
 * the request's count among those computing ({@link InteractiveLoad}), for the same reason: its stages still compute.
 *
 * <p>The current request's work is a thread-local of the request's thread, opened by {@link RequestWorkFilter}.
 */
final class RequestWork {
    private static final ThreadLocal<RequestWork> CURRENT = new ThreadLocal<>();

    /** What goes back once the request and its stages have ended: decode shares, the request's interactive count. */
    private final List<Runnable> releases = new ArrayList<>();
    /** The request itself and the stages running for it; 0 once everything is given back. Guarded by this. */
    private int holders = 1;
    /** Whether the request counts in an {@link InteractiveLoad}; guarded by this. */
    private boolean counted;

    private RequestWork() {}

    /** Starts the current thread's request; closing the scope ends the request's own hold. */
    static Scope open() {
        RequestWork previous = CURRENT.get();
        RequestWork work = new RequestWork();
        CURRENT.set(work);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
            work.leave();
        };
    }

    /** The current thread's request; empty outside one. */
    static Optional<RequestWork> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Keeps {@code share} until the request and its stages have ended; at once given back if they already have. */
    void hold(DecodeMemoryBudget.Share share) {
        synchronized (this) {
            if (holders > 0) {
                releases.add(share::close);
                return;
            }
        }
        share.close();
    }

    /**
     * The request computes: it counts in {@code load} until it and its stages have ended (once, however many stages
     * it runs). Nothing happens once they all have.
     */
    void computes(InteractiveLoad load) {
        synchronized (this) {
            if (counted || holders == 0) {
                return;
            }
            counted = true;
            load.started();
            releases.add(load::ended);
        }
    }

    /** A stage starts working for the request; false when the request and its stages have all ended. */
    synchronized boolean join() {
        if (holders == 0) {
            return false;
        }
        holders++;
        return true;
    }

    /** The request or one of its stages has ended; the last one gives everything back. */
    void leave() {
        List<Runnable> released;
        synchronized (this) {
            if (holders == 0) {
                throw new IllegalStateException("left more often than joined");
            }
            holders--;
            if (holders > 0) {
                return;
            }
            released = List.copyOf(releases);
            releases.clear();
        }
        released.forEach(Runnable::run);
    }

    /** Ends the request's own hold; closing never fails. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
