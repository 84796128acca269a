package dev.facerec.api.health;

import dev.facerec.persistence.DatabaseInfo;
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
 * The {@code database} component: borrows a pooled connection and asks the driver whether it is valid within
 * {@value #VALID_SECONDS} s. The whole check has its own deadline ({@link #DEADLINE}), shorter than the pool's
 * {@code DATABASE_TIMEOUT}: it runs on a virtual thread and the probe stops waiting at the deadline, so {@code
 * /health/ready} answers promptly while PostgreSQL does not answer at all. The abandoned check is interrupted, which
 * ends the pool's wait. The URL shown is {@link DatabaseInfo}'s, which never carries a password. A context without a
 * database (a web slice) reports it missing rather than failing.
 */
final class DatabaseHealthIndicator extends TimedHealthIndicator {
    static final int VALID_SECONDS = 2;
    static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(DatabaseHealthIndicator.class);

    private final ObjectProvider<DataSource> dataSource;
    private final ObjectProvider<DatabaseInfo> info;
    private final Duration deadline;

    DatabaseHealthIndicator(ObjectProvider<DataSource> dataSource, ObjectProvider<DatabaseInfo> info) {
        this(dataSource, info, DEADLINE);
    }

    DatabaseHealthIndicator(
            ObjectProvider<DataSource> dataSource, ObjectProvider<DatabaseInfo> info, Duration deadline) {
        this.dataSource = dataSource;
        this.info = info;
        this.deadline = deadline;
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

    private static Health.Builder validate(DataSource pool) {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(VALID_SECONDS)
                    ? Health.up()
                    : Health.down().withDetail(REASON, "the database did not answer within " + VALID_SECONDS + " s");
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

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
