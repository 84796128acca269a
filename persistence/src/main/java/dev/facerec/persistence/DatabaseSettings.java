package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the database is. With a {@code host} the service uses PostgreSQL; without one it uses the embedded H2
 * database in {@code embeddedDirectory}, so that a first run needs no external service.
 *
 * @param host PostgreSQL host, or {@code null} (or blank) for the embedded database
 * @param password PostgreSQL password; empty when the server trusts the connection
 * @param timeout {@code DATABASE_TIMEOUT}: the longest wait for a connection, whether from the pool or a new one from
 *     the server (pool wait, the driver's connect and login timeouts, and the start-up check)
 * @param queryTimeout {@code DATABASE_QUERY_TIMEOUT}: the longest wait for the server's answer on an open connection
 *     (PostgreSQL's {@code socketTimeout}), so the longest statement: deleting a large gallery logs one change per
 *     face in one statement, hence longer than {@code timeout} by default
 */
public record DatabaseSettings(
        String host,
        int port,
        String name,
        String user,
        String password,
        Path embeddedDirectory,
        Duration timeout,
        Duration queryTimeout) {
    public static final int DEFAULT_PORT = 5432;
    public static final String DEFAULT_NAME = "facerec";
    public static final String DEFAULT_USER = "facerec";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);
    /** The pool's floor: HikariCP replaces a shorter connection timeout with its own 30 s default. */
    static final Duration MINIMUM_TIMEOUT = Duration.ofMillis(250);

    public DatabaseSettings {
        host = host == null || host.isBlank() ? null : host.strip();
        requireNonNull(name, "name is null");
        requireNonNull(user, "user is null");
        password = password == null ? "" : password;
        requireNonNull(embeddedDirectory, "embeddedDirectory is null");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(
                    "DATABASE_PORT (facerec.database.port) must be between 1 and 65535: " + port);
        }
        requirePositive(timeout, "DATABASE_TIMEOUT (facerec.database.timeout)");
        if (timeout.compareTo(MINIMUM_TIMEOUT) < 0) {
            throw new IllegalArgumentException(
                    "DATABASE_TIMEOUT (facerec.database.timeout) must be at least 250ms: " + timeout);
        }
        requirePositive(queryTimeout, "DATABASE_QUERY_TIMEOUT (facerec.database.query-timeout)");
    }

    /** The embedded database in {@code directory}. */
    public static DatabaseSettings embedded(Path directory) {
        return new DatabaseSettings(
                null, DEFAULT_PORT, DEFAULT_NAME, DEFAULT_USER, "", directory, DEFAULT_TIMEOUT, DEFAULT_QUERY_TIMEOUT);
    }

    public boolean isEmbedded() {
        return host == null;
    }

    /** The JDBC URL; it never contains the password. */
    public String jdbcUrl() {
        if (isEmbedded()) {
            // PostgreSQL mode with lower-case identifiers and nulls sorted high, as H2 documents for PostgreSQL
            // compatibility, so the same migrations and queries run on both. AUTO_SERVER=FALSE: one process owns
            // the file.
            return "jdbc:h2:file:" + embeddedDirectory.toAbsolutePath().resolve("facerec")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE";
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    private static void requirePositive(Duration value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return "DatabaseSettings[host=" + host + ", port=" + port + ", name=" + name + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "******") + ", embeddedDirectory=" + embeddedDirectory
                + ", timeout=" + timeout + ", queryTimeout=" + queryTimeout + "]";
    }
}
