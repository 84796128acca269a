package dev.facerec.api.health;

import dev.facerec.persistence.DatabaseInfo;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code database} component: borrows a pooled connection (bounded by the pool's connection timeout) and asks
 * the driver whether it is valid within {@value #VALID_SECONDS} s. The URL shown is {@link DatabaseInfo}'s, which
 * never carries a password. A context without a database (a web slice) reports it missing rather than failing.
 */
final class DatabaseHealthIndicator extends TimedHealthIndicator {
    static final int VALID_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(DatabaseHealthIndicator.class);

    private final ObjectProvider<DataSource> dataSource;
    private final ObjectProvider<DatabaseInfo> info;

    DatabaseHealthIndicator(ObjectProvider<DataSource> dataSource, ObjectProvider<DatabaseInfo> info) {
        this.dataSource = dataSource;
        this.info = info;
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
        Health.Builder builder = validate(pool);
        return builder.withDetail("url", database.url());
    }

    private static Health.Builder validate(DataSource pool) {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(VALID_SECONDS)
                    ? Health.up()
                    : Health.down().withDetail(REASON, "the database did not answer within " + VALID_SECONDS + " s");
        } catch (SQLException e) {
            // The driver's message may name the host and user; it stays in the log.
            log.warn("Database health check failed: {}", e.toString());
            return Health.down().withDetail(REASON, "no connection to the database");
        }
    }
}
