package dev.facerec.core.account;

import java.time.Duration;

/**
 * The client addresses each account has signed in from successfully, so that a throttle on the account can let them
 * through: a stranger's failures then cannot lock out someone who has signed in before. Implementations keep a bounded
 * number of addresses per account (the most recent), may be shared between replicas, and remember locally rather than
 * fail when the shared store does not answer.
 */
public interface KnownAddresses {
    /** Records a successful sign-in to {@code account} (a normalised user name) from {@code address}. */
    void remember(String account, String address, Duration lifetime);

    /** Whether {@code account} signed in from {@code address} within the lifetime it was remembered for. */
    boolean isKnown(String account, String address);
}
