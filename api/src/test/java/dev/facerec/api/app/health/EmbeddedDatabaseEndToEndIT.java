package dev.facerec.api.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import dev.facerec.api.fake.FakeFaceEngine;
import dev.facerec.ml.FaceEngine;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The embedded default on a fresh data folder, as {@code make run} starts it, after the connection pool has retired
 * every connection it had, the one that ran the migrations included. HikariCP does that on its own after its max
 * lifetime (30 minutes, and never under 30 s); the test asks the pool for the same soft eviction at once. With H2
 * 2.4.240 every write to a table with an {@code IN (...)} check constraint (users, api_keys, audit_events) then failed
 * with "The database has been closed", while health said UP. The readiness probe must also say when writes fail.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"facerec.ml.models-dir=${facerec.models.dir:./models}"})
class EmbeddedDatabaseEndToEndIT {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"(frk_[^\"]+)\"");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @TestBean
    FaceEngine faceEngine;

    static FaceEngine faceEngine() {
        return new FakeFaceEngine();
    }

    @LocalServerPort
    int port;

    @Autowired
    HikariDataSource pool;

    @Test
    void everyWriteStillWorksAfterThePoolRetiresTheConnectionThatRanTheMigrations() throws Exception {
        retireEveryConnection();
        TestHttp admin = new TestHttp(port);

        // api_keys: insert, then the first use records last_used_at.
        HttpResponse<String> created =
                admin.postJson("/api/v1/api-keys", "{\"name\":\"after-retire\",\"role\":\"VIEWER\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = group(KEY, created.body());
        HttpResponse<String> used =
                TestHttp.withHeader(port, "X-API-Key", key).getText("/api/v1/upload/supported-formats");
        assertThat(used.statusCode()).as(used.body()).isEqualTo(200);

        // users: insert, then a role change.
        HttpResponse<String> user = admin.postJson(
                "/api/v1/auth/register",
                "{\"username\":\"retired-pool\",\"password\":\"Long-Passphrase-For-Tests-2026\",\"role\":\"VIEWER\"}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String userId = group(ID, user.body());
        HttpResponse<String> changed = admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/users/" + userId))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"role\":\"OPERATOR\"}"))
                .build());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        // audit_events: written in the background; the records of these requests arrive.
        assertThat(eventually(() ->
                        admin.getText("/api/v1/audit?targetId=" + userId).body().contains("user.change")))
                .as("the audit record of the role change after the pool retired its connections")
                .isTrue();
        assertThat(TestHttp.anonymous(port).getText("/health/ready").statusCode())
                .isEqualTo(200);
    }

    @Test
    void readinessSaysTheDatabaseIsDownWhileItRefusesWrites() throws Exception {
        TestHttp anonymous = TestHttp.anonymous(port);
        assertThat(anonymous.getText("/health/ready").statusCode()).isEqualTo(200);

        // A constraint no row can meet, not checked against the rows already there: every audit write now fails.
        execute("alter table audit_events add constraint refuse_every_row check (1 = 0) nocheck");
        try {
            assertThat(eventually(() -> anonymous.getText("/health/ready").statusCode() == 503))
                    .as("readiness goes down while writes fail")
                    .isTrue();
            HttpResponse<String> ready = anonymous.getText("/health/ready");
            assertThat(ready.body()).contains("refuses writes").doesNotContain("refuse_every_row");
        } finally {
            execute("alter table audit_events drop constraint refuse_every_row");
        }
        assertThat(eventually(() -> anonymous.getText("/health/ready").statusCode() == 200))
                .as("readiness comes back once writes succeed")
                .isTrue();
    }

    /**
     * What HikariCP does to each connection at the end of its max lifetime, for every connection: it closes them one by
     * one while opening new ones, so the database itself never closes (had it closed, H2 would read the constraints
     * afresh on the next connection, and the fault would hide). One connection is held while the others go, so the
     * database always has a session; it is closed when given back, as an expired connection is.
     */
    private void retireEveryConnection() throws Exception {
        List<Integer> before = sessions();
        try (Connection held = pool.getConnection()) {
            pool.getHikariPoolMXBean().softEvictConnections();
            // Replacements open; a connection in use (the index catch-up runs every second) closes when it comes back.
            Thread.sleep(1500);
            assertThat(held.isValid(1)).isTrue();
        }
        Thread.sleep(500);
        assertThat(sessions())
                .as("no session of the start-up (migrations) is left")
                .doesNotContainAnyElementsOf(before);
    }

    private List<Integer> sessions() throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select session_id from information_schema.sessions")) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        }
        return ids;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String group(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    private static boolean eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
