package dev.facerec.core.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to deliver one event to one subscription: the delivery log and the queue in one. A pending entry waits
 * for {@code dueAt}; each attempt records its outcome and, when it failed and attempts are left, queues the next
 * attempt as a new entry of the same {@code deliveryId} (the {@code X-Facerec-Delivery} header, which stays the same
 * across retries so receivers can drop duplicates).
 *
 * @param statusCode the receiver's HTTP status, or null when no answer came
 * @param latencyMillis from sending to the answer (or the failure), or null while pending
 * @param error why it failed, in words (never the secret or the body), or null
 * @param nextAttemptAt when the retry is due, or null when none follows
 */
public record WebhookDelivery(
        UUID id,
        UUID deliveryId,
        UUID subscriptionId,
        WebhookEvent event,
        String payload,
        int attempt,
        State state,
        Instant dueAt,
        Instant attemptedAt,
        Integer statusCode,
        Long latencyMillis,
        String error,
        Instant nextAttemptAt,
        Instant createdAt) {
    public enum State {
        PENDING,
        /** Claimed by a replica until {@code dueAt}; past it, another may claim it again (its sender died). */
        SENDING,
        SUCCEEDED,
        FAILED
    }

    public WebhookDelivery {
        requireNonNull(id, "id is null");
        requireNonNull(deliveryId, "deliveryId is null");
        requireNonNull(subscriptionId, "subscriptionId is null");
        requireNonNull(event, "event is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(state, "state is null");
        requireNonNull(dueAt, "dueAt is null");
        requireNonNull(createdAt, "createdAt is null");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1");
        }
    }

    /** A first attempt, due now. */
    public static WebhookDelivery first(UUID subscriptionId, WebhookEvent event, String payload, Instant now) {
        return new WebhookDelivery(
                UUID.randomUUID(),
                UUID.randomUUID(),
                subscriptionId,
                event,
                payload,
                1,
                State.PENDING,
                now,
                null,
                null,
                null,
                null,
                null,
                now);
    }

    /** The retry of this attempt, due at {@code dueAt}. */
    public WebhookDelivery retry(Instant dueAt, Instant now) {
        return new WebhookDelivery(
                UUID.randomUUID(),
                deliveryId,
                subscriptionId,
                event,
                payload,
                attempt + 1,
                State.PENDING,
                dueAt,
                null,
                null,
                null,
                null,
                null,
                now);
    }
}
