package dev.facerec.api.rest.webhook;

import static dev.facerec.api.http.policy.Access.Level.ADMIN;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.api.http.security.Caller;
import dev.facerec.core.usecase.ManageWebhooks;
import dev.facerec.core.webhook.WebhookDelivery;
import dev.facerec.core.webhook.WebhookEvent;
import dev.facerec.core.webhook.WebhookSubscription;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook subscriptions (docs/webhooks.md). The signing secret is in the creation response only. A URL whose host
 * resolves to a loopback, link-local or private address is refused with 400 unless the operator allow-listed it.
 */
@Access(ADMIN)
@GalleryScope(NONE)
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {
    private final ManageWebhooks webhooks;

    WebhookController(ManageWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(
            summary = "Subscribe a URL to events (the secret is in this response only)",
            operationId = "createWebhook")
    @Audited("webhook.create")
    @NotIdempotent("the answer holds the new secret, which the idempotency store must not keep")
    @PostMapping
    ResponseEntity<CreatedView> create(@Valid @RequestBody CreateWebhook request) {
        ManageWebhooks.Created created = webhooks.create(
                Caller.currentActor(),
                request.url(),
                request.events(),
                request.secret(),
                Boolean.TRUE.equals(request.includeNames()));
        return ResponseEntity.created(
                        URI.create("/api/v1/webhooks/" + created.subscription().id()))
                .cacheControl(CacheControl.noStore())
                .body(new CreatedView(WebhookView.of(created.subscription()), created.secret()));
    }

    @Operation(summary = "List webhook subscriptions, newest first", operationId = "listWebhooks")
    @Audited("webhook.list")
    @GetMapping
    List<WebhookView> list() {
        return webhooks.list(Caller.currentActor()).stream()
                .map(WebhookView::of)
                .toList();
    }

    @Operation(summary = "Get a webhook subscription", operationId = "getWebhook")
    @Audited("webhook.get")
    @GetMapping("/{id}")
    WebhookView get(@PathVariable UUID id) {
        return WebhookView.of(webhooks.find(Caller.currentActor(), id));
    }

    @Operation(summary = "Delete a webhook subscription and its delivery log", operationId = "deleteWebhook")
    @Audited("webhook.delete")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        webhooks.delete(Caller.currentActor(), id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Re-enable a webhook, resetting its failure count", operationId = "enableWebhook")
    @Audited("webhook.enable")
    @NotIdempotent("enabling twice leaves it enabled: a retry changes nothing more")
    @PostMapping("/{id}/enable")
    WebhookView enable(@PathVariable UUID id) {
        return WebhookView.of(webhooks.enable(Caller.currentActor(), id));
    }

    @Operation(summary = "Send a ping to the webhook", operationId = "testWebhook")
    @Audited("webhook.test")
    @NotIdempotent("each call queues one more ping, which receivers tell apart by X-Facerec-Delivery")
    @PostMapping("/{id}/test")
    ResponseEntity<DeliveryView> test(@PathVariable UUID id) {
        return ResponseEntity.accepted().body(DeliveryView.of(webhooks.ping(Caller.currentActor(), id)));
    }

    @Operation(summary = "The delivery log of a webhook, newest attempt first", operationId = "listWebhookDeliveries")
    @Audited("webhook.deliveries")
    @GetMapping("/{id}/deliveries")
    List<DeliveryView> deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
        return webhooks.deliveries(Caller.currentActor(), id, limit).stream()
                .map(DeliveryView::of)
                .toList();
    }

    /**
     * @param events any of job.finished, person.enrolled, person.erased, identify.matched
     * @param secret 16 to 200 printable characters; generated when left out
     * @param includeNames whether payloads carry person names (ids only by default)
     */
    record CreateWebhook(@NotNull String url, @NotNull List<String> events, String secret, Boolean includeNames) {
        @Override
        public String toString() {
            return "CreateWebhook[events=" + events + "]";
        }
    }

    record WebhookView(
            UUID id,
            String url,
            List<String> events,
            boolean includeNames,
            boolean enabled,
            int consecutiveFailures,
            String createdBy,
            Instant createdAt,
            Instant disabledAt) {
        static WebhookView of(WebhookSubscription subscription) {
            return new WebhookView(
                    subscription.id(),
                    subscription.url().toString(),
                    subscription.events().stream()
                            .sorted()
                            .map(WebhookEvent::type)
                            .toList(),
                    subscription.includeNames(),
                    subscription.enabled(),
                    subscription.consecutiveFailures(),
                    subscription.createdBy(),
                    subscription.createdAt(),
                    subscription.disabledAt());
        }
    }

    /** @param secret shown this once: store it now */
    record CreatedView(WebhookView webhook, String secret) {
        @Override
        public String toString() {
            return "CreatedView[" + webhook + "]";
        }
    }

    record DeliveryView(
            UUID id,
            UUID deliveryId,
            String event,
            int attempt,
            String state,
            Instant attemptedAt,
            Integer statusCode,
            Long latencyMillis,
            String error,
            Instant nextAttemptAt,
            Instant createdAt) {
        static DeliveryView of(WebhookDelivery delivery) {
            return new DeliveryView(
                    delivery.id(),
                    delivery.deliveryId(),
                    delivery.event().type(),
                    delivery.attempt(),
                    delivery.state().name(),
                    delivery.attemptedAt(),
                    delivery.statusCode(),
                    delivery.latencyMillis(),
                    delivery.error(),
                    delivery.nextAttemptAt(),
                    delivery.createdAt());
        }
    }
}
