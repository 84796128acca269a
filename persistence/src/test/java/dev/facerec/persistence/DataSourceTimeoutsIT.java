package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool honours {@code DATABASE_TIMEOUT} and {@code DATABASE_QUERY_TIMEOUT}: a server that accepts the TCP
 * connection but never answers (the kernel completes the handshake for a socket nobody reads) fails start-up within
 * the configured timeout, and a statement that outlasts the query timeout is cut off on a real PostgreSQL.
 */
// A regression must fail, not hang the build: before the fix the driver waited for ever.
@Timeout(30)
class DataSourceTimeoutsIT {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @Test
    void aServerThatNeverAnswersFailsWithinTheConfiguredTimeout() throws IOException {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            DatabaseSettings settings = new DatabaseSettings(
                    "127.0.0.1",
                    blackHole.getLocalPort(),
                    "facerec",
                    "facerec",
                    "",
                    Path.of("unused"),
                    ONE_SECOND,
                    DatabaseSettings.DEFAULT_QUERY_TIMEOUT);

            long started = System.nanoTime();
            assertThatThrownBy(() -> DataSources.create(settings).close()).isInstanceOf(RuntimeException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            System.out.printf(
                    "pool start against a silent server, DATABASE_TIMEOUT=1s: failed after %d ms%n", took.toMillis());
            // The pool tries once or twice within its 1 s (about 2 s in all); the hard-coded 10 s of before would take
            // at least 10 s, and a driver without its login timeout waits for ever. 5 s leaves room for a busy machine.
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aStatementLongerThanTheQueryTimeoutIsCutOff() throws SQLException {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            DatabaseSettings real = database.settings();
            DatabaseSettings settings = new DatabaseSettings(
                    real.host(),
                    real.port(),
                    real.name(),
                    real.user(),
                    real.password(),
                    real.embeddedDirectory(),
                    real.timeout(),
                    ONE_SECOND);
            try (HikariDataSource pool = DataSources.create(settings);
                    Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("select 1");

                long started = System.nanoTime();
                assertThatThrownBy(() -> statement.execute("select pg_sleep(10)"))
                        .isInstanceOf(SQLException.class);
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                System.out.printf(
                        "pg_sleep(10) with DATABASE_QUERY_TIMEOUT=1s: cut off after %d ms%n", took.toMillis());
                assertThat(took).isLessThan(Duration.ofSeconds(3));
            }
        }
    }
}
