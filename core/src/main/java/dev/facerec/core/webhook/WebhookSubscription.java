package dev.facerec.core.webhook;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Where events go. The signing secret is not here: it is stored sealed under the encryption key ring and read only to
 * sign ({@link WebhookRepository#sealedSecret}).
 *
 * @param events the subscribed event types, at least one
 * @param includeNames whether payloads carry person names (ids only otherwise)
 * @param consecutiveFailures failed attempts since the last success; at the configured limit it is disabled
 * @param disabledAt when it was disabled after repeated failures, or null
 */
public record WebhookSubscription(
        UUID id,
        URI url,
        Set<WebhookEvent> events,
        boolean includeNames,
        boolean enabled,
        int consecutiveFailures,
        String createdBy,
        Instant createdAt,
        Instant disabledAt) {
    public WebhookSubscription {
        requireNonNull(id, "id is null");
        requireNonNull(url, "url is null");
        events = Set.copyOf(EnumSet.copyOf(requireNonNull(events, "events is null")));
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public boolean wants(WebhookEvent event) {
        return enabled && (event == WebhookEvent.PING || events.contains(event));
    }
}
