package dev.facerec.core.account;

/**
 * A slow, salted one-way hash for passwords. Implementations bound the work in flight: when too many hashes wait, they
 * fail with {@code UNAVAILABLE} instead of queueing without end.
 */
public interface PasswordHasher {
    /** The hash to store, with its algorithm and parameters. */
    String hash(String password);

    /** Whether {@code password} matches {@code hash}; a malformed hash does not match. */
    boolean matches(String password, String hash);
}
