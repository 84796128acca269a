package dev.facerec.api.app.webhook;

import dev.facerec.core.webhook.WebhookEvent;
import dev.facerec.core.webhook.WebhookObserver;
import dev.facerec.core.webhook.WebhookRepository;
import dev.facerec.core.webhook.WebhookSubscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code facerec_webhook_deliveries_total{event,outcome}}, {@code facerec_webhook_delivery_seconds},
 * {@code facerec_webhook_disabled_total} and the gauge {@code facerec_webhook_subscriptions_disabled} (read from the
 * database, so every replica reports the same count), which the {@code FacerecWebhookDisabled} alert watches.
 */
final class WebhookMetrics implements WebhookObserver {
    private static final Logger log = LoggerFactory.getLogger(WebhookMetrics.class);

    private final MeterRegistry registry;

    WebhookMetrics(MeterRegistry registry, WebhookRepository webhooks) {
        this.registry = registry;
        if (registry != null) {
            Gauge.builder("facerec.webhook.subscriptions.disabled", webhooks, WebhookMetrics::disabledCount)
                    .description("Webhook subscriptions disabled after repeated failed deliveries")
                    .register(registry);
        }
    }

    private static double disabledCount(WebhookRepository webhooks) {
        try {
            return webhooks.countDisabled();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void attempted(WebhookEvent event, boolean succeeded, Duration latency) {
        if (registry == null) {
            return;
        }
        Counter.builder("facerec.webhook.deliveries")
                .description("Webhook delivery attempts by outcome")
                .tag("event", event.type())
                .tag("outcome", succeeded ? "success" : "failure")
                .register(registry)
                .increment();
        Timer.builder("facerec.webhook.delivery")
                .description("Time from sending a webhook to its answer or failure")
                .register(registry)
                .record(latency);
    }

    @Override
    public void disabled(WebhookSubscription subscription) {
        log.warn(
                "Webhook {} was disabled after repeated failed deliveries; re-enable it with"
                        + " POST /api/v1/webhooks/{}/enable",
                subscription.id(),
                subscription.id());
        if (registry != null) {
            Counter.builder("facerec.webhook.disabled")
                    .description("Webhook subscriptions disabled after repeated failures")
                    .register(registry)
                    .increment();
        }
    }
}
