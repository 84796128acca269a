package dev.facerec.api.app.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a recurring failure at WARN at most once per interval, counting what it swallowed: when Redis is down, every
 * request would otherwise log the same line.
 */
public final class ThrottledWarning {
    private final Logger log;
    private final Duration interval;
    private final Clock clock;
    private final AtomicLong nextAllowedMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledWarning(Logger log, Duration interval, Clock clock) {
        this.log = log;
        this.interval = interval;
        this.clock = clock;
    }

    /** Returns whether the warning was logged (false when throttled). */
    public boolean warn(String message, Throwable cause) {
        long now = clock.millis();
        long allowed = nextAllowedMillis.get();
        if (now < allowed || !nextAllowedMillis.compareAndSet(allowed, now + interval.toMillis())) {
            suppressed.incrementAndGet();
            return false;
        }
        long skipped = suppressed.getAndSet(0);
        // The cause's text only: a stack trace per minute says nothing new about an unreachable server.
        log.warn(
                "{}: {}{}",
                message,
                cause.toString(),
                skipped > 0 ? " (" + skipped + " more since the last warning)" : "");
        return true;
    }
}
