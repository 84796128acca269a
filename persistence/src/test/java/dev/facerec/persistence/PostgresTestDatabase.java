package dev.facerec.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A throwaway database on the PostgreSQL server of the machine (127.0.0.1:5432, user postgres, trust). */
final class PostgresTestDatabase implements TestDatabase {
    private static final String HOST = "127.0.0.1";
    private static final int PORT = 5432;
    private static final String USER = "postgres";

    private final String name;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    static PostgresTestDatabase create() {
        String name =
                "facerec_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create database " + name);
        return new PostgresTestDatabase(name);
    }

    @Override
    public DatabaseSettings settings() {
        return new DatabaseSettings(
                HOST,
                PORT,
                name,
                USER,
                "",
                Path.of("unused"),
                DatabaseSettings.DEFAULT_TIMEOUT,
                DatabaseSettings.DEFAULT_QUERY_TIMEOUT);
    }

    @Override
    public void close() {
        execute("drop database if exists " + name + " with (force)");
    }

    private static void execute(String sql) {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on " + HOST + ":" + PORT + " failed: " + sql, e);
        }
    }
}
