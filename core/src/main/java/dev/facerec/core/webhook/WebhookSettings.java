package dev.facerec.core.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * How webhooks are delivered.
 *
 * @param allowList host names and CIDR blocks the {@link AddressGuard} lets through
 * @param connectTimeout to open the connection
 * @param requestTimeout for the whole answer after connecting
 * @param maxAttempts per event and subscription, the first included
 * @param backoffBase the ceiling of the first retry's wait; it doubles per attempt up to {@code backoffCap}
 * @param disableAfter consecutive failed attempts that disable a subscription
 */
public record WebhookSettings(
        List<String> allowList,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffCap,
        int disableAfter) {
    public WebhookSettings {
        allowList = List.copyOf(requireNonNull(allowList, "allowList is null"));
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(backoffBase, "backoffBase is null");
        requireNonNull(backoffCap, "backoffCap is null");
        if (maxAttempts < 1 || disableAfter < 1) {
            throw new IllegalArgumentException("maxAttempts and disableAfter must be at least 1");
        }
    }
}
