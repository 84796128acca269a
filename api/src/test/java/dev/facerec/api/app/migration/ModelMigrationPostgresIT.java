package dev.facerec.api.app.migration;

import dev.facerec.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** On a throwaway database of the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust). */
class ModelMigrationPostgresIT extends ModelMigrationRealPhotosContract {
    private final String name =
            "facerec_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    DatabaseSettings openDatabase(Path temporaryDirectory) {
        execute("create database " + name);
        return new DatabaseSettings(
                "127.0.0.1",
                DatabaseSettings.DEFAULT_PORT,
                name,
                "postgres",
                "",
                Path.of("unused"),
                DatabaseSettings.DEFAULT_TIMEOUT,
                DatabaseSettings.DEFAULT_QUERY_TIMEOUT);
    }

    @Override
    void closeDatabase() {
        execute("drop database if exists " + name + " with (force)");
    }

    private static void execute(String sql) {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL failed: " + sql, e);
        }
    }
}
