package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Proves that the database still accepts writes, for the health view: a connection that answers {@code isValid} may
 * still refuse every write (a PostgreSQL standby after a fail-over, a full disk, or the embedded database's check
 * constraints once H2 2.4.240 had lost the session that created them). It inserts one row into {@code
 * audit_events}, the table every request writes, with check constraints and five indexes, inside a transaction that
 * it always rolls back, so nothing is left behind and no reader ever sees the row.
 */
public final class DatabaseWriteCheck {
    private static final String INSERT = "insert into audit_events (id, occurred_at, actor, actor_kind, action, status,"
            + " outcome) values (?, ?, 'health-check', 'ANONYMOUS', 'health.write-check', 0, 'SUCCESS')";

    private DatabaseWriteCheck() {}

    /**
     * Writes and rolls back one row on {@code connection}, leaving its auto-commit as it was.
     *
     * @throws SQLException when the database refuses the write
     */
    public static void verify(Connection connection) throws SQLException {
        requireNonNull(connection, "connection is null");
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, SqlTimes.of(Instant.now()));
            insert.executeUpdate();
        } finally {
            try {
                connection.rollback();
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
