package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.PasswordHasher;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing on a small pool of its own with a bounded queue and a deadline. A hash is deliberately slow (tens
 * of milliseconds and megabytes of memory), so a burst of sign-ins or registrations must not take every request
 * thread and all memory with it: past the queue, or past the deadline, the caller gets {@code UNAVAILABLE} (503 with
 * {@code Retry-After}) at once and the rest of the service keeps answering.
 */
final class BoundedPasswordHasher implements PasswordHasher, AutoCloseable {
    private final PasswordEncoder encoder;
    private final ThreadPoolExecutor pool;
    private final Duration timeout;

    BoundedPasswordHasher(PasswordEncoder encoder, int threads, int queue, Duration timeout) {
        this.encoder = requireNonNull(encoder, "encoder is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        AtomicInteger number = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                task -> {
                    Thread thread = new Thread(task, "password-hash-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public String hash(String password) {
        requireNonNull(password, "password is null");
        return run(() -> encoder.encode(password));
    }

    @Override
    public boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        return run(() -> {
            try {
                return encoder.matches(password, hash);
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        });
    }

    private <T> T run(Callable<T> work) {
        Future<T> result;
        try {
            result = pool.submit(work);
        } catch (RejectedExecutionException full) {
            throw busy();
        }
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Password hashing failed", e.getCause());
        }
    }

    private static FaceException busy() {
        return new FaceException(
                FaceErrorCode.UNAVAILABLE,
                "Too many sign-ins are being checked right now. Retry in a moment.",
                Map.of("retryAfterSeconds", 1));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
