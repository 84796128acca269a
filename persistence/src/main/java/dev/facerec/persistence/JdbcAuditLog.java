package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.account.Role;
import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditLog;
import dev.facerec.core.audit.AuditQuery;
import dev.facerec.core.person.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log in plain SQL: batched inserts into one append-only table, filtered pages read newest first, and the
 * retention's deletes in batches. Filters are bound parameters; only fixed column names are ever joined into the
 * statement.
 */
final class JdbcAuditLog implements AuditLog {
    private static final String COLUMNS = "id, occurred_at, actor, actor_kind, actor_role, key_owner, action,"
            + " target_type, target_id, gallery_id, status, outcome, client_address, request_id, occurrences,"
            + " last_occurred_at";

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    JdbcAuditLog(JdbcTemplate template, TransactionTemplate transactions) {
        this.template = requireNonNull(template, "template is null");
        this.jdbc = JdbcClient.create(template);
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    @Override
    public void record(List<AuditEvent> events) {
        requireNonNull(events, "events is null");
        if (events.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> template.batchUpdate(
                "insert into audit_events (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                events,
                events.size(),
                (statement, event) -> {
                    statement.setObject(1, event.id());
                    statement.setObject(2, SqlTimes.of(event.at()));
                    statement.setString(3, event.actor());
                    statement.setString(4, event.actorKind().name());
                    statement.setString(
                            5,
                            event.actorRole() == null ? null : event.actorRole().name());
                    statement.setString(6, event.keyOwner());
                    statement.setString(7, event.action());
                    statement.setString(8, event.targetType());
                    statement.setString(9, event.targetId());
                    statement.setObject(10, event.galleryId());
                    statement.setShort(11, (short) event.status());
                    statement.setString(12, event.outcome().name());
                    statement.setString(13, event.clientAddress());
                    statement.setString(14, event.requestId());
                    statement.setInt(15, event.occurrences());
                    statement.setObject(16, SqlTimes.of(event.lastAt()));
                }));
    }

    @Override
    public Page<AuditEvent> query(AuditQuery query) {
        requireNonNull(query, "query is null");
        var where = new StringBuilder(" where 1 = 1");
        List<Object> parameters = new ArrayList<>();
        filter(where, parameters, "actor = ?", query.actor());
        filter(where, parameters, "key_owner = ?", query.keyOwner());
        filter(where, parameters, "action = ?", query.action());
        filter(where, parameters, "target_id = ?", query.targetId());
        filter(where, parameters, "gallery_id = ?", query.galleryId());
        filter(where, parameters, "occurred_at >= ?", SqlTimes.of(query.from()));
        filter(where, parameters, "occurred_at < ?", SqlTimes.of(query.to()));
        long total = jdbc.sql("select count(*) from audit_events" + where)
                .params(parameters)
                .query(Long.class)
                .single();
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(query.size());
        paged.add((long) query.page() * query.size());
        List<AuditEvent> items = jdbc.sql("select " + COLUMNS + " from audit_events" + where
                        + " order by occurred_at desc, id desc limit ? offset ?")
                .params(paged)
                .query(JdbcAuditLog::map)
                .list();
        return new Page<>(items, query.page(), query.size(), total);
    }

    @Override
    public int deleteBefore(Instant cutoff, int limit) {
        requireNonNull(cutoff, "cutoff is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        // A subquery with a limit, not "delete ... limit" (which PostgreSQL lacks); the index on (occurred_at, id)
        // finds the oldest rows without a scan.
        Integer deleted = transactions.execute(status -> jdbc.sql("delete from audit_events where id in (select id"
                        + " from audit_events where occurred_at < ? order by occurred_at, id limit ?)")
                .params(SqlTimes.of(cutoff), limit)
                .update());
        return deleted == null ? 0 : deleted;
    }

    private static void filter(StringBuilder where, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            where.append(" and ").append(condition);
            parameters.add(value);
        }
    }

    private static AuditEvent map(ResultSet row, int number) throws SQLException {
        String role = row.getString("actor_role");
        return new AuditEvent(
                row.getObject("id", UUID.class),
                SqlTimes.read(row, "occurred_at"),
                row.getString("actor"),
                AuditEvent.ActorKind.valueOf(row.getString("actor_kind")),
                role == null ? null : Role.valueOf(role),
                row.getString("key_owner"),
                row.getString("action"),
                row.getString("target_type"),
                row.getString("target_id"),
                row.getObject("gallery_id", UUID.class),
                row.getInt("status"),
                AuditEvent.Outcome.valueOf(row.getString("outcome")),
                row.getString("client_address"),
                row.getString("request_id"),
                row.getInt("occurrences"),
                SqlTimes.read(row, "last_occurred_at"));
    }
}
