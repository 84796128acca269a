package dev.facerec.api.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.facerec.persistence.DatabaseInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The database check answers within its own deadline even when borrowing a connection would block far longer: a real
 * pool against a server that accepts TCP connections and never says a word.
 */
// A regression must fail, not hang the build: before the fix the driver waited for ever.
@Timeout(30)
class DatabaseHealthIndicatorTest {
    @Test
    void aDatabaseThatNeverAnswersIsDownWithinTheDeadline() throws IOException {
        ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        // Closed before the pool: closing the listening socket resets the connection the pool is stuck on, so the
        // pool's own close does not wait for it.
        try (HikariDataSource pool = silentPool(blackHole.getLocalPort());
                blackHole) {
            DatabaseHealthIndicator indicator = indicator(pool);

            long started = System.nanoTime();
            Health health = indicator.health();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            System.out.printf("health check against a silent database: DOWN after %d ms%n", took.toMillis());
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails())
                    .containsEntry(TimedHealthIndicator.REASON, "the database did not answer within 3 s")
                    .containsEntry("url", "jdbc:postgresql://127.0.0.1:" + blackHole.getLocalPort() + "/facerec");
            // The pool alone would wait 30 s for a connection.
            assertThat(took)
                    .isGreaterThanOrEqualTo(DatabaseHealthIndicator.DEADLINE)
                    .isLessThan(DatabaseHealthIndicator.DEADLINE.plusSeconds(2));
        }
    }

    @Test
    void aDatabaseThatAnswersInTimeIsUp() {
        FakeDatabase database = new FakeDatabase();

        Health health = indicator(database.dataSource()).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(database.lastValidTimeoutSeconds).isEqualTo(DatabaseHealthIndicator.VALID_SECONDS);
    }

    private static DatabaseHealthIndicator indicator(DataSource pool) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("dataSource", pool);
        String url = pool instanceof HikariDataSource hikari ? hikari.getJdbcUrl() : "jdbc:postgresql://db/facerec";
        beans.addBean("databaseInfo", new DatabaseInfo(DatabaseInfo.Kind.POSTGRESQL, url));
        return new DatabaseHealthIndicator(
                beans.getBeanProvider(DataSource.class), beans.getBeanProvider(DatabaseInfo.class));
    }

    @Test
    void aDatabaseThatAnswersButRefusesWritesIsDown() {
        FakeDatabase database = new FakeDatabase();
        database.writable = false;

        Health health = indicator(database.dataSource()).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
                .containsEntry(TimedHealthIndicator.REASON, "the database answers but refuses writes (see the log)");
        assertThat(health.getDetails().toString()).doesNotContain("read-only");
    }

    @Test
    void aWriteThatSucceededIsTrustedForTheIntervalAndAFailedOneIsTriedAgain() {
        FakeDatabase database = new FakeDatabase();
        DatabaseHealthIndicator indicator = indicator(database.dataSource());

        indicator.health();
        indicator.health();
        assertThat(database.writes).hasValue(1);

        FakeDatabase refusing = new FakeDatabase();
        refusing.writable = false;
        DatabaseHealthIndicator failing = indicator(refusing.dataSource());
        failing.health();
        failing.health();
        assertThat(refusing.writes).hasValue(2);
    }

    /** Starts without a connection (no fail-fast check) and waits 30 s for one, as an unbounded check would. */
    private static HikariDataSource silentPool(int port) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/facerec");
        config.setUsername("facerec");
        config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
