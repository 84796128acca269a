package dev.facerec.core.usecase;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.account.Secrets;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.webhook.AddressGuard;
import dev.facerec.core.webhook.WebhookDelivery;
import dev.facerec.core.webhook.WebhookEvent;
import dev.facerec.core.webhook.WebhookPayload;
import dev.facerec.core.webhook.WebhookRepository;
import dev.facerec.core.webhook.WebhookSubscription;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook subscriptions, for administrators only. The signing secret is sealed under the encryption key ring and
 * shown once, in the answer to {@link #create}; the URL is checked by the {@link AddressGuard} here and again at every
 * delivery.
 */
public final class ManageWebhooks {
    public static final int MAX_DELIVERIES = 200;
    private static final int MIN_SECRET = 16;
    private static final int MAX_SECRET = 200;
    private static final int MAX_URL = 2048;

    private final WebhookRepository webhooks;
    private final AddressGuard guard;
    private final KeyRing keys;
    private final Clock clock;

    /** A new subscription and the only copy of its secret. */
    public record Created(WebhookSubscription subscription, String secret) {
        @Override
        public String toString() {
            return "Created[" + subscription + "]";
        }
    }

    public ManageWebhooks(WebhookRepository webhooks, AddressGuard guard, KeyRing keys, Clock clock) {
        this.webhooks = requireNonNull(webhooks, "webhooks is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What a subscription's secret is sealed for: the envelope opens for this subscription only. */
    public static String secretContext(UUID subscriptionId) {
        return "webhook-secret:" + subscriptionId;
    }

    /**
     * @param secret at least {@value #MIN_SECRET} printable characters, or null to have one generated
     * @throws FaceException {@code FORBIDDEN} for a caller who is not an administrator, {@code INVALID_REQUEST} for a
     *     bad or refused URL, no or unknown events, or a short secret
     */
    public Created create(Actor actor, String url, List<String> events, String secret, boolean includeNames) {
        requireAdministrator(actor);
        URI target = parse(url);
        guard.check(target);
        if (events == null || events.isEmpty()) {
            throw invalid(
                    "events",
                    "Name at least one event: job.finished, person.enrolled, person.erased," + " identify.matched.");
        }
        Set<WebhookEvent> subscribed = EnumSet.noneOf(WebhookEvent.class);
        events.forEach(type -> subscribed.add(WebhookEvent.ofType(type)));
        String value = secret == null ? "whsec_" + Secrets.random(32) : secret;
        if (value.length() < MIN_SECRET
                || value.length() > MAX_SECRET
                || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw invalid(
                    "secret",
                    "The secret must have " + MIN_SECRET + " to " + MAX_SECRET
                            + " printable ASCII characters without spaces; leave it out to have one generated.");
        }
        UUID id = UUID.randomUUID();
        WebhookSubscription created = webhooks.create(
                new WebhookSubscription(
                        id, target, subscribed, includeNames, true, 0, actor.name(), clock.instant(), null),
                keys.seal(value.getBytes(UTF_8), secretContext(id)));
        return new Created(created, value);
    }

    public List<WebhookSubscription> list(Actor actor) {
        requireAdministrator(actor);
        return webhooks.findAll();
    }

    /** @throws FaceException {@code NOT_FOUND} */
    public WebhookSubscription find(Actor actor, UUID id) {
        requireAdministrator(actor);
        return webhooks.find(requireNonNull(id, "id is null")).orElseThrow(() -> NotFound.of("webhook", id));
    }

    /** Deletes it with its delivery log; pending deliveries are dropped. @throws FaceException {@code NOT_FOUND} */
    public void delete(Actor actor, UUID id) {
        requireAdministrator(actor);
        if (!webhooks.delete(requireNonNull(id, "id is null"))) {
            throw NotFound.of("webhook", id);
        }
    }

    /** Enables it again with its failure count reset. @throws FaceException {@code NOT_FOUND} */
    public WebhookSubscription enable(Actor actor, UUID id) {
        requireAdministrator(actor);
        if (!webhooks.enable(requireNonNull(id, "id is null"))) {
            throw NotFound.of("webhook", id);
        }
        return find(actor, id);
    }

    /** The newest log entries, newest first. @throws FaceException {@code NOT_FOUND} */
    public List<WebhookDelivery> deliveries(Actor actor, UUID id, int limit) {
        find(actor, id);
        return webhooks.deliveries(id, Math.clamp(limit, 1, MAX_DELIVERIES));
    }

    /**
     * Queues a {@code ping} to the subscription, whatever events it has, while it is enabled.
     *
     * @throws FaceException {@code NOT_FOUND}, or {@code CONFLICT} while it is disabled
     */
    public WebhookDelivery ping(Actor actor, UUID id) {
        WebhookSubscription subscription = find(actor, id);
        if (!subscription.enabled()) {
            throw new FaceException(FaceErrorCode.CONFLICT, "The webhook is disabled; enable it first.");
        }
        Instant now = clock.instant();
        WebhookDelivery ping = WebhookDelivery.first(
                id,
                WebhookEvent.PING,
                new WebhookPayload(WebhookEvent.PING, now).with("webhookId", id).toJson(),
                now);
        webhooks.enqueue(ping);
        return ping;
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw invalid("url", "The webhook URL must have 1 to " + MAX_URL + " characters.");
        }
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid("url", "The webhook URL is not a valid URL.");
        }
    }

    private static void requireAdministrator(Actor actor) {
        if (!requireNonNull(actor, "actor is null").isAdministrator()) {
            throw new FaceException(FaceErrorCode.FORBIDDEN, "Only administrators manage webhooks.");
        }
    }

    private static FaceException invalid(String field, String message) {
        return new FaceException(FaceErrorCode.INVALID_REQUEST, message, Map.of("field", field));
    }
}
