package dev.facerec.core.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the wait before attempt {@code n + 1} is uniform in
 * {@code [0, min(cap, base * 2^(n-1)))}, so receivers that recover are not hit by every sender at once.
 *
 * @param random uniform in [0, 1)
 */
public record Backoff(Duration base, Duration cap, DoubleSupplier random) {
    public Backoff {
        requireNonNull(base, "base is null");
        requireNonNull(cap, "cap is null");
        requireNonNull(random, "random is null");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap");
        }
    }

    /** The upper bound of the wait after failed attempt {@code attempt} (1 for the first). */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1");
        }
        int doublings = Math.min(attempt - 1, 62);
        long baseMillis = base.toMillis();
        long millis = doublings >= Long.numberOfLeadingZeros(baseMillis) - 1 ? Long.MAX_VALUE : baseMillis << doublings;
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    /** The wait after failed attempt {@code attempt}. */
    public Duration delay(int attempt) {
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling(attempt).toMillis()));
    }
}
