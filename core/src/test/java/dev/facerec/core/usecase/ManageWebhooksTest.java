package dev.facerec.core.usecase;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.account.Role;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.webhook.AddressGuard;
import dev.facerec.core.webhook.WebhookDelivery;
import dev.facerec.core.webhook.WebhookEvent;
import dev.facerec.core.webhook.WebhookRepository;
import dev.facerec.core.webhook.WebhookSubscription;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ManageWebhooksTest {
    private static final Actor ADMIN = new Actor("root", Role.ADMIN);
    private static final String URL = "https://hooks.example.org/facerec";

    private final Stored stored = new Stored();
    private final KeyRing keys = KeyRing.of("a-test-encryption-key-of-enough-length");
    // Names resolve to a public address and literals to themselves, so no test depends on the network.
    private final ManageWebhooks webhooks = new ManageWebhooks(
            stored,
            new AddressGuard(
                    List.of(),
                    host -> host.matches("[0-9.]+")
                            ? InetAddress.getAllByName(host)
                            : new InetAddress[] {InetAddress.getByName("93.184.216.34")}),
            keys,
            Clock.systemUTC());

    @Test
    void onlyAdministratorsManageWebhooks() {
        for (Actor actor :
                List.of(new Actor("op", Role.OPERATOR), new Actor("viewer", Role.VIEWER), Actor.anonymous())) {
            assertThatThrownBy(() -> webhooks.create(actor, URL, List.of("person.enrolled"), null, false))
                    .isInstanceOfSatisfying(
                            FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.FORBIDDEN));
            assertThatThrownBy(() -> webhooks.list(actor)).isInstanceOf(FaceException.class);
        }
        assertThat(stored.subscriptions).isEmpty();
    }

    @Test
    void theSecretIsStoredSealedForThisSubscriptionOnly() {
        ManageWebhooks.Created created =
                webhooks.create(ADMIN, URL, List.of("person.enrolled", "identify.matched"), null, true);
        assertThat(created.secret()).startsWith("whsec_").hasSize(6 + 43);
        assertThat(created.toString()).doesNotContain(created.secret());
        byte[] sealed = stored.secrets.get(created.subscription().id());
        assertThat(new String(sealed, UTF_8)).doesNotContain(created.secret());
        assertThat(new String(
                        keys.open(
                                sealed,
                                ManageWebhooks.secretContext(
                                        created.subscription().id())),
                        UTF_8))
                .isEqualTo(created.secret());
        assertThatThrownBy(() -> keys.open(sealed, ManageWebhooks.secretContext(UUID.randomUUID())))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.DATA_INTEGRITY));
        assertThat(created.subscription().events())
                .containsExactlyInAnyOrder(WebhookEvent.PERSON_ENROLLED, WebhookEvent.IDENTIFY_MATCHED);
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        assertInvalid("url", () -> webhooks.create(ADMIN, "not a url", List.of("person.enrolled"), null, false));
        assertInvalid("url", () -> webhooks.create(ADMIN, "http://10.0.0.1/", List.of("person.enrolled"), null, false));
        assertInvalid("events", () -> webhooks.create(ADMIN, URL, List.of(), null, false));
        assertInvalid("events", () -> webhooks.create(ADMIN, URL, List.of("ping"), null, false));
        assertInvalid("secret", () -> webhooks.create(ADMIN, URL, List.of("person.erased"), "short", false));
        assertInvalid(
                "secret", () -> webhooks.create(ADMIN, URL, List.of("person.erased"), "with a space in it!", false));
        assertThat(stored.subscriptions).isEmpty();
    }

    private static void assertInvalid(String field, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(FaceErrorCode.INVALID_REQUEST);
            assertThat(e.details()).containsEntry("field", field);
        });
    }

    /** Subscriptions in memory; the delivery log is not used here. */
    private static final class Stored implements WebhookRepository {
        final Map<UUID, WebhookSubscription> subscriptions = new LinkedHashMap<>();
        final Map<UUID, byte[]> secrets = new LinkedHashMap<>();

        @Override
        public WebhookSubscription create(WebhookSubscription subscription, byte[] sealedSecret) {
            subscriptions.put(subscription.id(), subscription);
            secrets.put(subscription.id(), sealedSecret);
            return subscription;
        }

        @Override
        public Optional<WebhookSubscription> find(UUID id) {
            return Optional.ofNullable(subscriptions.get(id));
        }

        @Override
        public List<WebhookSubscription> findAll() {
            return new ArrayList<>(subscriptions.values());
        }

        @Override
        public Optional<byte[]> sealedSecret(UUID id) {
            return Optional.ofNullable(secrets.get(id));
        }

        @Override
        public boolean delete(UUID id) {
            secrets.remove(id);
            return subscriptions.remove(id) != null;
        }

        @Override
        public boolean enable(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordSuccess(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean recordFailure(UUID id, int disableAfter, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long countDisabled() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void enqueue(WebhookDelivery delivery) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<WebhookDelivery> claimDue(Instant now, Instant claimUntil, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordAttempt(WebhookDelivery attempt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<WebhookDelivery> deliveries(UUID subscriptionId, int limit) {
            throw new UnsupportedOperationException();
        }
    }
}
