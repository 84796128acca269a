package dev.facerec.core.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceException;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.usecase.ManageWebhooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends due deliveries: claims them from the log (so one replica sends each), checks the URL again, signs and posts
 * the body, records the attempt, and queues a retry with {@link Backoff} or disables a subscription that keeps
 * failing. Callers run {@link #runDue} periodically; every attempt runs on a virtual thread of its own, so a slow
 * receiver delays nobody else.
 *
 * <p>Redirects are not followed: a 3xx answer is a failed attempt (receivers give their final URL). The address is
 * checked after resolution right before sending; the JDK caches what it resolved (30 s by default), so the connection
 * that follows uses the checked address rather than a second, rebound answer (see docs/webhooks.md).
 */
public final class WebhookWorker implements AutoCloseable {
    private static final int BATCH = 32;
    private static final int MAX_ERROR = 300;

    private final WebhookRepository webhooks;
    private final AddressGuard guard;
    private final KeyRing keys;
    private final WebhookSettings settings;
    private final Backoff backoff;
    private final WebhookObserver observer;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    public WebhookWorker(
            WebhookRepository webhooks,
            AddressGuard guard,
            KeyRing keys,
            WebhookSettings settings,
            Backoff backoff,
            WebhookObserver observer,
            Clock clock) {
        this.webhooks = requireNonNull(webhooks, "webhooks is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.observer = requireNonNull(observer, "observer is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(senders)
                .build();
    }

    /** Claims what is due and sends it, waiting for every attempt to end; returns how many were attempted. */
    public int runDue() {
        Instant now = clock.instant();
        // The claim outlasts the longest attempt, so no other replica takes it over while it is being sent.
        Instant claimUntil = now.plus(settings.connectTimeout())
                .plus(settings.requestTimeout())
                .plusSeconds(30);
        List<WebhookDelivery> due = webhooks.claimDue(now, claimUntil, BATCH);
        List<Future<?>> running = due.stream()
                .<Future<?>>map(delivery -> senders.submit(() -> attempt(delivery)))
                .toList();
        for (var future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                // attempt() records its own failures; anything else is a bug in the log store, retried by the claim.
            }
        }
        return due.size();
    }

    private void attempt(WebhookDelivery delivery) {
        Optional<WebhookSubscription> found = webhooks.find(delivery.subscriptionId());
        if (found.isEmpty() || !found.get().enabled()) {
            finish(delivery, WebhookDelivery.State.FAILED, null, null, "the webhook is disabled", null);
            return;
        }
        WebhookSubscription subscription = found.get();
        Instant started = clock.instant();
        Integer status = null;
        String error = null;
        try {
            guard.check(subscription.url());
            status = send(subscription, delivery);
            if (status / 100 != 2) {
                error = status / 100 == 3 ? "redirects are not followed (HTTP " + status + ")" : "HTTP " + status;
            }
        } catch (FaceException e) {
            error = e.getMessage();
        } catch (HttpTimeoutException e) {
            error = "timed out: " + e.getMessage();
        } catch (IOException e) {
            error = "connection failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        Duration latency = Duration.between(started, clock.instant());
        boolean succeeded = error == null;
        observer.attempted(delivery.event(), succeeded, latency);
        if (succeeded) {
            webhooks.recordSuccess(subscription.id());
            finish(delivery, WebhookDelivery.State.SUCCEEDED, status, latency, null, null);
            return;
        }
        Instant now = clock.instant();
        if (webhooks.recordFailure(subscription.id(), settings.disableAfter(), now)) {
            observer.disabled(subscription);
        }
        boolean retry = delivery.attempt() < settings.maxAttempts()
                && webhooks.find(subscription.id())
                        .filter(WebhookSubscription::enabled)
                        .isPresent();
        Instant next = retry ? now.plus(backoff.delay(delivery.attempt())) : null;
        finish(delivery, WebhookDelivery.State.FAILED, status, latency, error, next);
        if (retry) {
            webhooks.enqueue(delivery.retry(next, now));
        }
    }

    private int send(WebhookSubscription subscription, WebhookDelivery delivery)
            throws IOException, InterruptedException {
        String secret = new String(
                keys.open(
                        webhooks.sealedSecret(subscription.id()).orElseThrow(),
                        ManageWebhooks.secretContext(subscription.id())),
                UTF_8);
        long unix = clock.instant().getEpochSecond();
        URI url = subscription.url();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "facerec-webhooks/1")
                .header("X-Facerec-Event", delivery.event().type())
                .header("X-Facerec-Delivery", delivery.deliveryId().toString())
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, unix, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void finish(
            WebhookDelivery delivery,
            WebhookDelivery.State state,
            Integer status,
            Duration latency,
            String error,
            Instant next) {
        String shortError = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
        Instant now = clock.instant();
        webhooks.recordAttempt(new WebhookDelivery(
                delivery.id(),
                delivery.deliveryId(),
                delivery.subscriptionId(),
                delivery.event(),
                delivery.payload(),
                delivery.attempt(),
                state,
                now,
                now,
                status,
                latency == null ? null : latency.toMillis(),
                shortError,
                next,
                delivery.createdAt()));
    }

    @Override
    public void close() {
        senders.close();
        http.close();
    }
}
