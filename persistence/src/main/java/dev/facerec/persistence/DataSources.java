package dev.facerec.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/** Builds the connection pool for the chosen database. */
final class DataSources {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // Longer than the connect timeout: deleting a large gallery logs one change per face in one statement.
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    private static final int POOL_SIZE = 10;

    private DataSources() {}

    static HikariDataSource create(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("facerec-db");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        if (settings.isEmbedded()) {
            createDirectory(settings);
            config.setUsername("sa");
            config.setPassword("");
        } else {
            config.setUsername(settings.user());
            config.setPassword(settings.password());
            config.addDataSourceProperty("connectTimeout", CONNECT_TIMEOUT.toSeconds());
            config.addDataSourceProperty("loginTimeout", CONNECT_TIMEOUT.toSeconds());
            config.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT.toSeconds());
            config.addDataSourceProperty("ApplicationName", "facerec");
        }
        // A database that is down at start-up fails fast with a clear message instead of waiting per request.
        config.setInitializationFailTimeout(CONNECT_TIMEOUT.toMillis());
        return new HikariDataSource(config);
    }

    private static void createDirectory(DatabaseSettings settings) {
        try {
            Files.createDirectories(settings.embeddedDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + settings.embeddedDirectory(), e);
        }
    }
}
