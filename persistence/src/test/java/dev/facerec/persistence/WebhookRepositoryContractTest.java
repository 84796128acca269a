package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.webhook.WebhookDelivery;
import dev.facerec.core.webhook.WebhookEvent;
import dev.facerec.core.webhook.WebhookRepository;
import dev.facerec.core.webhook.WebhookSubscription;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract of the webhook repository (subscriptions, the delivery log and its queue), for every database. */
abstract class WebhookRepositoryContractTest extends RepositoryContractTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private WebhookRepository webhooks;

    @BeforeAll
    void repository() {
        webhooks = context.getBean(WebhookRepository.class);
    }

    private WebhookSubscription newSubscription() {
        WebhookSubscription subscription = new WebhookSubscription(
                UUID.randomUUID(),
                URI.create("https://hooks.example.com/facerec?x=1"),
                EnumSet.of(WebhookEvent.PERSON_ENROLLED, WebhookEvent.IDENTIFY_MATCHED),
                true,
                true,
                0,
                "admin",
                NOW,
                null);
        return webhooks.create(subscription, new byte[] {1, 2, 3, 4});
    }

    @Test
    void aSubscriptionReadsBackAsSavedWithItsSealedSecretApart() {
        WebhookSubscription saved = newSubscription();
        assertThat(webhooks.find(saved.id())).contains(saved);
        assertThat(webhooks.findAll()).contains(saved);
        assertThat(webhooks.sealedSecret(saved.id()))
                .hasValueSatisfying(secret -> assertThat(secret).containsExactly(1, 2, 3, 4));
        assertThat(webhooks.delete(saved.id())).isTrue();
        assertThat(webhooks.find(saved.id())).isEmpty();
        assertThat(webhooks.delete(saved.id())).isFalse();
    }

    @Test
    void failuresDisableOnceAtTheLimitAndEnablingResets() {
        WebhookSubscription saved = newSubscription();
        long disabledBefore = webhooks.countDisabled();
        assertThat(webhooks.recordFailure(saved.id(), 3, NOW)).isFalse();
        webhooks.recordSuccess(saved.id());
        assertThat(webhooks.recordFailure(saved.id(), 3, NOW)).isFalse();
        assertThat(webhooks.recordFailure(saved.id(), 3, NOW)).isFalse();
        assertThat(webhooks.recordFailure(saved.id(), 3, NOW)).isTrue();
        assertThat(webhooks.recordFailure(saved.id(), 3, NOW)).isFalse(); // already disabled
        WebhookSubscription disabled = webhooks.find(saved.id()).orElseThrow();
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.consecutiveFailures()).isEqualTo(4);
        assertThat(disabled.disabledAt()).isEqualTo(NOW);
        assertThat(webhooks.countDisabled()).isEqualTo(disabledBefore + 1);
        assertThat(webhooks.enable(saved.id())).isTrue();
        assertThat(webhooks.find(saved.id()).orElseThrow())
                .extracting(WebhookSubscription::enabled, WebhookSubscription::consecutiveFailures)
                .containsExactly(true, 0);
    }

    @Test
    void dueDeliveriesAreClaimedOnceEvenByConcurrentClaimersAndExpiredClaimsComeBack() throws Exception {
        WebhookSubscription saved = newSubscription();
        List<WebhookDelivery> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            WebhookDelivery delivery = WebhookDelivery.first(saved.id(), WebhookEvent.PING, "{\"n\":" + i + "}", NOW);
            webhooks.enqueue(delivery);
            queued.add(delivery);
        }
        webhooks.enqueue(queued.getFirst().retry(NOW.plusSeconds(3600), NOW)); // not due yet
        Instant claimUntil = NOW.plusSeconds(60);
        List<Callable<List<WebhookDelivery>>> claimers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claimers.add(() -> webhooks.claimDue(NOW.plusSeconds(1), claimUntil, 100));
        }
        Set<UUID> claimed = new HashSet<>();
        int total = 0;
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (Future<List<WebhookDelivery>> future : pool.invokeAll(claimers)) {
                for (WebhookDelivery delivery : future.get()) {
                    claimed.add(delivery.id());
                    total++;
                }
            }
        }
        assertThat(total).as("each entry claimed by one claimer").isEqualTo(claimed.size());
        assertThat(claimed)
                .containsExactlyInAnyOrderElementsOf(
                        queued.stream().map(WebhookDelivery::id).toList());
        assertThat(webhooks.claimDue(NOW.plusSeconds(30), claimUntil, 100)).isEmpty();
        // The claimer died: past its claim, the entries are due again.
        assertThat(webhooks.claimDue(NOW.plusSeconds(61), NOW.plusSeconds(120), 100))
                .hasSize(20);
    }

    @Test
    void anAttemptIsRecordedAndTheLogListsNewestFirst() {
        WebhookSubscription saved = newSubscription();
        WebhookDelivery first = WebhookDelivery.first(saved.id(), WebhookEvent.PERSON_ENROLLED, "{}", NOW);
        webhooks.enqueue(first);
        webhooks.claimDue(NOW, NOW.plusSeconds(60), 10);
        WebhookDelivery failed = new WebhookDelivery(
                first.id(),
                first.deliveryId(),
                saved.id(),
                first.event(),
                "{}",
                1,
                WebhookDelivery.State.FAILED,
                NOW,
                NOW,
                500,
                12L,
                "HTTP 500",
                NOW.plusSeconds(5),
                NOW);
        webhooks.recordAttempt(failed);
        WebhookDelivery retry = first.retry(NOW.plusSeconds(5), NOW.plusMillis(1));
        webhooks.enqueue(retry);
        List<WebhookDelivery> log = webhooks.deliveries(saved.id(), 10);
        assertThat(log).containsExactly(retry, failed);
        assertThat(webhooks.deliveries(saved.id(), 1)).containsExactly(retry);
        webhooks.delete(saved.id());
        assertThat(webhooks.deliveries(saved.id(), 10)).isEmpty();
    }
}
