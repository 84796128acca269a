package dev.facerec.api.http.idempotency;

/**
 * Remembers, per {@code Idempotency-Key}, the fingerprint of the first request and, once it finished, its response.
 * Entries expire after the configured time (24 h by default). Implementations are thread-safe and atomic per key: of
 * two concurrent claims, exactly one gets {@link Claim.Claimed}.
 */
public interface IdempotencyStore {
    /** Claims the key for a request, or returns what the key already holds. */
    Claim claim(String key, String fingerprint);

    /** Stores the response of the request that claimed the key. */
    void complete(String key, StoredResponse response);

    /** Forgets the key, so a retry runs again (after a server error, which a retry may not repeat). */
    void release(String key);

    /** What {@link #claim} found. */
    sealed interface Claim {
        /** The key was free and now belongs to this request. */
        record Claimed() implements Claim {}

        /** Another request with this key is running. */
        record InProgress(String fingerprint) implements Claim {}

        /** A request with this key finished with this response. */
        record Completed(StoredResponse response) implements Claim {}
    }
}
