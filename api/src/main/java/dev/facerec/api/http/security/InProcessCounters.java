package dev.facerec.api.http.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.facerec.core.account.AttemptCounter;
import java.time.Clock;
import java.time.Duration;

/**
 * Fixed-window counters in this process, bounded in entries. A window starts with its first event and lasts
 * {@code window}; the next event after that starts a new one.
 */
final class InProcessCounters implements AttemptCounter {
    private record Window(long startMillis, long endMillis, long count) {}

    private final Cache<String, Window> windows;
    private final Clock clock;

    InProcessCounters(long maxKeys, Clock clock) {
        this.windows = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(Duration.ofHours(2))
                .build();
        this.clock = clock;
    }

    @Override
    public long increment(String key, Duration window) {
        long now = clock.millis();
        return windows.asMap()
                .compute(
                        key,
                        (name, current) -> current == null || now >= current.endMillis()
                                ? new Window(now, now + window.toMillis(), 1)
                                : new Window(current.startMillis(), current.endMillis(), current.count() + 1))
                .count();
    }

    @Override
    public long count(String key) {
        Window current = windows.getIfPresent(key);
        return current == null || clock.millis() >= current.endMillis() ? 0 : current.count();
    }

    /** Milliseconds until the window of {@code key} ends; 0 when there is none. */
    long millisLeft(String key) {
        Window current = windows.getIfPresent(key);
        return current == null ? 0 : Math.max(0, current.endMillis() - clock.millis());
    }

    @Override
    public void reset(String key) {
        windows.invalidate(key);
    }
}
