package dev.facerec.api.app.webhook;

import dev.facerec.core.webhook.WebhookSettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.webhooks.*}: how webhooks are delivered.
 *
 * @param allowedHosts {@code FACEREC_WEBHOOKS_ALLOWED_HOSTS}: host names and CIDR blocks that may receive webhooks
 *     although they are loopback, link-local or private (comma separated)
 * @param connectTimeout {@code FACEREC_WEBHOOKS_CONNECT_TIMEOUT}
 * @param requestTimeout {@code FACEREC_WEBHOOKS_REQUEST_TIMEOUT}: for the receiver's answer
 * @param maxAttempts {@code FACEREC_WEBHOOKS_MAX_ATTEMPTS}: per event and subscription, the first included
 * @param backoffBase {@code FACEREC_WEBHOOKS_BACKOFF_BASE}: the ceiling of the first retry's random wait
 * @param backoffCap {@code FACEREC_WEBHOOKS_BACKOFF_CAP}: the largest ceiling
 * @param disableAfter {@code FACEREC_WEBHOOKS_DISABLE_AFTER}: consecutive failed attempts that disable a subscription
 * @param pollInterval {@code FACEREC_WEBHOOKS_POLL_INTERVAL}: how often due deliveries are sent; 0 turns sending off
 */
@ConfigurationProperties("facerec.webhooks")
public record WebhookProperties(
        @DefaultValue("") List<String> allowedHosts,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration backoffBase,
        @DefaultValue("1h") Duration backoffCap,
        @DefaultValue("15") int disableAfter,
        @DefaultValue("1s") Duration pollInterval) {
    public WebhookProperties {
        // An unset variable binds as one empty entry.
        allowedHosts = allowedHosts == null
                ? List.of()
                : allowedHosts.stream()
                        .map(String::strip)
                        .filter(host -> !host.isEmpty())
                        .toList();
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("facerec.webhooks timeouts must be positive");
        }
        if (maxAttempts < 1 || maxAttempts > 50 || disableAfter < 1) {
            throw new IllegalArgumentException(
                    "facerec.webhooks.max-attempts must be 1 to 50 and disable-after at least 1");
        }
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("facerec.webhooks.poll-interval must not be negative");
        }
    }

    WebhookSettings settings() {
        return new WebhookSettings(
                allowedHosts, connectTimeout, requestTimeout, maxAttempts, backoffBase, backoffCap, disableAfter);
    }
}
