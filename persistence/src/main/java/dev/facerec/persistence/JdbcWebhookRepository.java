package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.webhook.WebhookDelivery;
import dev.facerec.core.webhook.WebhookEvent;
import dev.facerec.core.webhook.WebhookRepository;
import dev.facerec.core.webhook.WebhookSubscription;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Webhook subscriptions and their delivery log in plain SQL. */
final class JdbcWebhookRepository implements WebhookRepository {
    private static final String SUBSCRIPTION =
            "id, url, events, include_names, enabled, consecutive_failures," + " created_by, created_at, disabled_at";
    private static final String DELIVERY = "id, delivery_id, webhook_id, event, payload, attempt, state, due_at,"
            + " attempted_at, status_code, latency_ms, error, next_attempt_at, created_at";

    private final JdbcClient jdbc;

    JdbcWebhookRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    @Override
    public WebhookSubscription create(WebhookSubscription subscription, byte[] sealedSecret) {
        jdbc.sql("insert into webhooks (" + SUBSCRIPTION + ", secret_sealed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        subscription.id(),
                        subscription.url().toString(),
                        subscription.events().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                        subscription.includeNames(),
                        subscription.enabled(),
                        subscription.consecutiveFailures(),
                        subscription.createdBy(),
                        SqlTimes.of(subscription.createdAt()),
                        SqlTimes.of(subscription.disabledAt()),
                        requireNonNull(sealedSecret, "sealedSecret is null"))
                .update();
        return subscription;
    }

    @Override
    public Optional<WebhookSubscription> find(UUID id) {
        return jdbc.sql("select " + SUBSCRIPTION + " from webhooks where id = ?")
                .param(requireNonNull(id, "id is null"))
                .query(JdbcWebhookRepository::subscription)
                .optional();
    }

    @Override
    public List<WebhookSubscription> findAll() {
        return jdbc.sql("select " + SUBSCRIPTION + " from webhooks order by created_at desc, id")
                .query(JdbcWebhookRepository::subscription)
                .list();
    }

    @Override
    public Optional<byte[]> sealedSecret(UUID id) {
        return jdbc.sql("select secret_sealed from webhooks where id = ?")
                .param(id)
                .query((row, number) -> row.getBytes(1))
                .optional();
    }

    @Override
    public boolean delete(UUID id) {
        jdbc.sql("delete from webhook_deliveries where webhook_id = ?")
                .param(id)
                .update();
        return jdbc.sql("delete from webhooks where id = ?").param(id).update() > 0;
    }

    @Override
    public boolean enable(UUID id) {
        return jdbc.sql("update webhooks set enabled = true, consecutive_failures = 0, disabled_at = null where id = ?")
                        .param(id)
                        .update()
                > 0;
    }

    @Override
    public void recordSuccess(UUID id) {
        jdbc.sql("update webhooks set consecutive_failures = 0 where id = ? and consecutive_failures <> 0")
                .param(id)
                .update();
    }

    @Override
    public boolean recordFailure(UUID id, int disableAfter, Instant now) {
        jdbc.sql("update webhooks set consecutive_failures = consecutive_failures + 1 where id = ?")
                .param(id)
                .update();
        // One statement flips it, so of concurrent failures exactly one reports the disabling.
        return jdbc.sql("update webhooks set enabled = false, disabled_at = ? where id = ? and enabled = true"
                                + " and consecutive_failures >= ?")
                        .params(SqlTimes.of(now), id, disableAfter)
                        .update()
                > 0;
    }

    @Override
    public long countDisabled() {
        return jdbc.sql("select count(*) from webhooks where enabled = false")
                .query(Long.class)
                .single();
    }

    @Override
    public void enqueue(WebhookDelivery delivery) {
        jdbc.sql("insert into webhook_deliveries (" + DELIVERY + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        delivery.id(),
                        delivery.deliveryId(),
                        delivery.subscriptionId(),
                        delivery.event().name(),
                        delivery.payload(),
                        delivery.attempt(),
                        delivery.state().name(),
                        SqlTimes.of(delivery.dueAt()),
                        SqlTimes.of(delivery.attemptedAt()),
                        delivery.statusCode(),
                        delivery.latencyMillis(),
                        delivery.error(),
                        SqlTimes.of(delivery.nextAttemptAt()),
                        SqlTimes.of(delivery.createdAt()))
                .update();
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, Instant claimUntil, int limit) {
        List<WebhookDelivery> candidates = jdbc.sql("select " + DELIVERY + " from webhook_deliveries"
                        + " where state in ('PENDING', 'SENDING') and due_at <= ? order by due_at limit ?")
                .params(SqlTimes.of(now), limit)
                .query(JdbcWebhookRepository::delivery)
                .list();
        List<WebhookDelivery> claimed = new ArrayList<>();
        for (WebhookDelivery candidate : candidates) {
            // Compare-and-set on the row as read: another replica that claimed it first changed state or due_at.
            int updated = jdbc.sql("update webhook_deliveries set state = 'SENDING', due_at = ? where id = ?"
                            + " and state = ? and due_at = ?")
                    .params(
                            SqlTimes.of(claimUntil),
                            candidate.id(),
                            candidate.state().name(),
                            SqlTimes.of(candidate.dueAt()))
                    .update();
            if (updated == 1) {
                claimed.add(candidate);
            }
        }
        return claimed;
    }

    @Override
    public void recordAttempt(WebhookDelivery attempt) {
        jdbc.sql("update webhook_deliveries set state = ?, due_at = ?, attempted_at = ?, status_code = ?,"
                        + " latency_ms = ?, error = ?, next_attempt_at = ? where id = ?")
                .params(
                        attempt.state().name(),
                        SqlTimes.of(attempt.dueAt()),
                        SqlTimes.of(attempt.attemptedAt()),
                        attempt.statusCode(),
                        attempt.latencyMillis(),
                        attempt.error(),
                        SqlTimes.of(attempt.nextAttemptAt()),
                        attempt.id())
                .update();
    }

    @Override
    public List<WebhookDelivery> deliveries(UUID subscriptionId, int limit) {
        return jdbc.sql("select " + DELIVERY + " from webhook_deliveries where webhook_id = ?"
                        + " order by created_at desc, attempt desc limit ?")
                .params(subscriptionId, limit)
                .query(JdbcWebhookRepository::delivery)
                .list();
    }

    private static WebhookSubscription subscription(ResultSet row, int number) throws SQLException {
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        Arrays.stream(row.getString("events").split(","))
                .filter(name -> !name.isEmpty())
                .forEach(name -> events.add(WebhookEvent.valueOf(name)));
        return new WebhookSubscription(
                row.getObject("id", UUID.class),
                URI.create(row.getString("url")),
                events,
                row.getBoolean("include_names"),
                row.getBoolean("enabled"),
                row.getInt("consecutive_failures"),
                row.getString("created_by"),
                SqlTimes.read(row, "created_at"),
                SqlTimes.read(row, "disabled_at"));
    }

    private static WebhookDelivery delivery(ResultSet row, int number) throws SQLException {
        return new WebhookDelivery(
                row.getObject("id", UUID.class),
                row.getObject("delivery_id", UUID.class),
                row.getObject("webhook_id", UUID.class),
                WebhookEvent.valueOf(row.getString("event")),
                row.getString("payload"),
                row.getInt("attempt"),
                WebhookDelivery.State.valueOf(row.getString("state")),
                SqlTimes.read(row, "due_at"),
                SqlTimes.read(row, "attempted_at"),
                row.getObject("status_code", Integer.class),
                row.getObject("latency_ms", Long.class),
                row.getString("error"),
                SqlTimes.read(row, "next_attempt_at"),
                SqlTimes.read(row, "created_at"));
    }
}
