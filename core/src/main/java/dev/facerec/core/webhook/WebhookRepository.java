package dev.facerec.core.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Durable subscriptions and their delivery log. Implementations are transactional per call and thread-safe. */
public interface WebhookRepository {
    /** Stores a new subscription with its secret already sealed. */
    WebhookSubscription create(WebhookSubscription subscription, byte[] sealedSecret);

    Optional<WebhookSubscription> find(UUID id);

    /** All subscriptions, newest first. */
    List<WebhookSubscription> findAll();

    /** The sealed signing secret of a subscription, or empty when it is gone. */
    Optional<byte[]> sealedSecret(UUID id);

    /** Deletes the subscription and its delivery log; returns whether it existed. */
    boolean delete(UUID id);

    /** Enables it with no failures counted; returns whether it exists. */
    boolean enable(UUID id);

    /** Resets the failure count after a successful delivery. */
    void recordSuccess(UUID id);

    /**
     * Counts one more failed attempt and disables the subscription when the count reaches {@code disableAfter}.
     *
     * @return whether this call disabled it (false when it was disabled already, or stays enabled)
     */
    boolean recordFailure(UUID id, int disableAfter, Instant now);

    /** How many subscriptions are disabled. */
    long countDisabled();

    void enqueue(WebhookDelivery delivery);

    /**
     * Claims up to {@code limit} entries that are due (pending, or sending with an expired claim), setting them to
     * {@link WebhookDelivery.State#SENDING} until {@code claimUntil}. Each entry is claimed by one caller only, also
     * across replicas.
     */
    List<WebhookDelivery> claimDue(Instant now, Instant claimUntil, int limit);

    /** Records the outcome of a claimed attempt (state, status code, latency, error, next attempt). */
    void recordAttempt(WebhookDelivery attempt);

    /** The newest {@code limit} log entries of a subscription, newest first. */
    List<WebhookDelivery> deliveries(UUID subscriptionId, int limit);
}
