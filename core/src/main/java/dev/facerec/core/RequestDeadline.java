package dev.facerec.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The deadline of the request that the current thread serves, so that the stages of a request give up once it has
 * run too long. It is cooperative: each stage calls {@link #check()} before it starts, and a bounded wait (for an
 * inference slot) waits no longer than {@link #boundWait}. A stage that is already running is not interrupted; each
 * is bounded by its own limits (image size, detection side, the dependency timeouts). Outside a request (start-up,
 * background jobs) there is no deadline and every method lets the work through.
 *
 * <p>The deadline belongs to one thread: work handed to another thread does not see it unless it is carried there
 * ({@link #current()}, then {@link #enter()} on the other thread). A request runs on one thread from start to end,
 * so a thread-local is cheap and {@link Scope#close()} removes it.
 */
public final class RequestDeadline {
    private static final ThreadLocal<RequestDeadline> CURRENT = new ThreadLocal<>();

    private final Duration limit;
    private final long deadlineNanos;

    private RequestDeadline(Duration limit, long startedNanos) {
        this.limit = limit;
        this.deadlineNanos = startedNanos + limit.toNanos();
    }

    /**
     * Starts a deadline of {@code limit} from now for the current thread, until the returned scope is closed; a
     * deadline already in place is restored then.
     */
    public static Scope start(Duration limit) {
        requireNonNull(limit, "limit is null");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return new RequestDeadline(limit, System.nanoTime()).enter();
    }

    /** The current thread's deadline, to carry to another thread that works for the same request; empty outside one. */
    public static Optional<RequestDeadline> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Makes this deadline the current thread's until the returned scope is closed, for a thread that works on behalf
     * of the request this deadline belongs to; a deadline already in place is restored then.
     */
    public Scope enter() {
        RequestDeadline previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /**
     * Throws a {@link FaceErrorCode#REQUEST_TIMEOUT} {@link FaceException} when the current request's deadline has
     * passed; does nothing outside a request.
     */
    public static void check() {
        RequestDeadline deadline = CURRENT.get();
        if (deadline != null && deadline.remainingNanos() <= 0) {
            throw deadline.exceeded();
        }
    }

    /**
     * How long a wait of at most {@code millis} may last in the current request: the smaller of {@code millis} and
     * what is left of the deadline (never negative); {@code millis} outside a request.
     */
    public static long boundWait(long millis) {
        RequestDeadline deadline = CURRENT.get();
        if (deadline == null) {
            return millis;
        }
        // Rounded up: a wait that times out has then outlasted the deadline, so a check() after it throws.
        long remainingMillis = Math.ceilDiv(deadline.remainingNanos(), 1_000_000L);
        return Math.max(0, Math.min(millis, remainingMillis));
    }

    private long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    private FaceException exceeded() {
        return new FaceException(
                FaceErrorCode.REQUEST_TIMEOUT,
                "The request took longer than the service's limit of " + describe(limit)
                        + " (REQUEST_TIMEOUT) and was stopped. The service is busy or the image is very large: retry"
                        + " later or send a smaller image.",
                Map.of("timeoutMillis", limit.toMillis(), "retryAfterSeconds", 1));
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Ends the deadline that {@link #start} began; closing never fails. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
