package dev.facerec.core.webhook;

import java.time.Duration;

/** Hears delivery outcomes, for metrics. Implementations return promptly and never throw. */
public interface WebhookObserver {
    WebhookObserver NONE = new WebhookObserver() {};

    /** An attempt ended: {@code succeeded} for a 2xx answer. */
    default void attempted(WebhookEvent event, boolean succeeded, Duration latency) {}

    /** A subscription was disabled after repeated failures. */
    default void disabled(WebhookSubscription subscription) {}
}
