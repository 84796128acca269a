package dev.facerec.core.account;

import java.time.Duration;

/**
 * Counts events per key within a sliding time window (failed sign-ins per account and per address). Implementations
 * may be shared between replicas; when the shared store does not answer they count locally rather than fail.
 */
public interface AttemptCounter {
    /** Records one event for {@code key} and returns how many the window now holds. */
    long increment(String key, Duration window);

    /** How many events the window holds for {@code key}. */
    long count(String key);

    /** Forgets the events of {@code key}. */
    void reset(String key);
}
