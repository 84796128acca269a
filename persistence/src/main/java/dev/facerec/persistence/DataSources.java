package dev.facerec.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Builds the connection pool for the chosen database, with {@link DatabaseSettings#timeout()} on getting a connection
 * and {@link DatabaseSettings#queryTimeout()} on every answer from PostgreSQL. The embedded database runs in this
 * process, so it has no network to wait on.
 */
final class DataSources {
    private static final int POOL_SIZE = 10;

    private DataSources() {}

    static HikariDataSource create(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("facerec-db");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(settings.timeout().toMillis());
        if (settings.isEmbedded()) {
            createDirectory(settings);
            config.setUsername("sa");
            config.setPassword("");
        } else {
            config.setUsername(settings.user());
            config.setPassword(settings.password());
            // The driver counts these in whole seconds, and 0 means no limit: round up, never down to 0. They must be
            // strings: the pool hands them over as java.util.Properties, whose getProperty (which the driver uses)
            // ignores any other value, so numbers here would silently leave the driver without these timeouts.
            config.addDataSourceProperty("connectTimeout", wholeSeconds(settings.timeout()));
            config.addDataSourceProperty("loginTimeout", wholeSeconds(settings.timeout()));
            config.addDataSourceProperty("socketTimeout", wholeSeconds(settings.queryTimeout()));
            config.addDataSourceProperty("ApplicationName", "facerec");
        }
        // A database that is down at start-up fails fast with a clear message instead of waiting per request.
        config.setInitializationFailTimeout(settings.timeout().toMillis());
        return new HikariDataSource(config);
    }

    static String wholeSeconds(Duration duration) {
        long seconds = duration.toSeconds();
        return String.valueOf(duration.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1);
    }

    private static void createDirectory(DatabaseSettings settings) {
        try {
            Files.createDirectories(settings.embeddedDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + settings.embeddedDirectory(), e);
        }
    }
}
