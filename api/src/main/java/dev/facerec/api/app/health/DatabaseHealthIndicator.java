package dev.facerec.api.app.health;

import dev.facerec.persistence.DatabaseInfo;
import dev.facerec.persistence.DatabaseWriteCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code database} component: borrows a pooled connection, asks the driver whether it is valid within
 * {@value #VALID_SECONDS} s, and then whether the database still takes a write ({@link DatabaseWriteCheck}: one row
 * written and rolled back), because a database that answers but refuses every write fails every sign-in, key and
 * audit record while looking healthy. A write that succeeded is trusted for {@link #WRITE_CHECK_INTERVAL}, so a
 * flood of probes does not become a flood of writes; a failed one is tried again on the next probe. The whole check
 * has its own deadline ({@link #DEADLINE}), shorter than the pool's
 * {@code DATABASE_TIMEOUT}: it runs on a virtual thread and the probe stops waiting at the deadline, so {@code
 * /health/ready} answers promptly while PostgreSQL does not answer at all. The abandoned check is interrupted, which
 * ends the pool's wait. The URL shown is {@link DatabaseInfo}'s, which never carries a password. A context without a
 * database (a web slice) reports it missing rather than failing.
 */
final class DatabaseHealthIndicator extends TimedHealthIndicator {
    static final int VALID_SECONDS = 2;
    static final Duration DEADLINE = Duration.ofSeconds(3);
    static final Duration WRITE_CHECK_INTERVAL = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(DatabaseHealthIndicator.class);

    private final ObjectProvider<DataSource> dataSource;
    private final ObjectProvider<DatabaseInfo> info;
    private final Duration deadline;
    private final WriteCheck writeCheck;
    private final Duration writeCheckInterval;
    /** {@link System#nanoTime()} of the last write that succeeded, or null before the first. */
    private volatile Long lastWrite;

    /** Writes on a borrowed connection and undoes the write; throws when the database refuses it. */
    @FunctionalInterface
    interface WriteCheck {
        void verify(Connection connection) throws SQLException;
    }

    DatabaseHealthIndicator(ObjectProvider<DataSource> dataSource, ObjectProvider<DatabaseInfo> info) {
        this(dataSource, info, DEADLINE, DatabaseWriteCheck::verify, WRITE_CHECK_INTERVAL);
    }

    DatabaseHealthIndicator(
            ObjectProvider<DataSource> dataSource,
            ObjectProvider<DatabaseInfo> info,
            Duration deadline,
            WriteCheck writeCheck,
            Duration writeCheckInterval) {
        this.dataSource = dataSource;
        this.info = info;
        this.deadline = deadline;
        this.writeCheck = writeCheck;
        this.writeCheckInterval = writeCheckInterval;
    }

    @Override
    String kind() {
        DatabaseInfo database = info.getIfAvailable();
        return database == null ? "none" : database.kind().name();
    }

    @Override
    Health.Builder check() {
        DataSource pool = dataSource.getIfAvailable();
        DatabaseInfo database = info.getIfAvailable();
        if (pool == null || database == null) {
            return Health.down().withDetail(REASON, "no database is configured");
        }
        Health.Builder builder = validateWithinDeadline(pool);
        return builder.withDetail("url", database.url());
    }

    private Health.Builder validateWithinDeadline(DataSource pool) {
        FutureTask<Health.Builder> check = new FutureTask<>(() -> validate(pool));
        Thread.ofVirtual().name("database-health-check").start(check);
        try {
            return check.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Database health check got no answer within {} ms", deadline.toMillis());
            return notInTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notInTime();
        } catch (ExecutionException e) {
            throw new IllegalStateException("database health check failed", e.getCause());
        } finally {
            check.cancel(true);
        }
    }

    private Health.Builder notInTime() {
        return Health.down().withDetail(REASON, "the database did not answer within " + describe(deadline));
    }

    private Health.Builder validate(DataSource pool) {
        try (Connection connection = pool.getConnection()) {
            if (!connection.isValid(VALID_SECONDS)) {
                return Health.down().withDetail(REASON, "the database did not answer within " + VALID_SECONDS + " s");
            }
            return writeRecently() ? Health.up() : checkWrite(connection);
        } catch (SQLException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Abandoned at the deadline, which the probe has already logged and answered.
                return Health.down();
            }
            // The driver's message may name the host and user; it stays in the log.
            log.warn("Database health check failed: {}", e.toString());
            return Health.down().withDetail(REASON, "no connection to the database");
        }
    }

    private boolean writeRecently() {
        Long last = lastWrite;
        return last != null && System.nanoTime() - last < writeCheckInterval.toNanos();
    }

    private Health.Builder checkWrite(Connection connection) {
        try {
            writeCheck.verify(connection);
        } catch (SQLException e) {
            if (Thread.currentThread().isInterrupted()) {
                return Health.down();
            }
            // The database's message names the table and constraint; an operator reads it in the log.
            log.warn("Database health check: the database refused a write: {}", e.toString());
            return Health.down().withDetail(REASON, "the database answers but refuses writes (see the log)");
        }
        lastWrite = System.nanoTime();
        return Health.up();
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
