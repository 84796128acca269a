package dev.facerec.api.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.FacerecApplication;
import dev.facerec.api.TestHttp;
import dev.facerec.core.usecase.RetentionSweeper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas of the whole service, each with its own in-memory index, on one real PostgreSQL database and the real
 * Redis, with the periodic catch-up set to an hour: a face enrolled through one replica can only reach the other's
 * index through the Redis wake-up. Identify over HTTP on the other replica must find it within seconds, and a
 * deletion must travel back the same way; so must an erasure that no request made (the retention sweep, run by hand
 * on one replica as its timer would). Real models and photos.
 */
class ReplicaWakeUpIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAKE_UP_BOUND = Duration.ofSeconds(5);
    private static final String DATABASE =
            "facerec_wakeup_" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext replicaA;
    private static ConfigurableApplicationContext replicaB;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        postgres("CREATE DATABASE " + DATABASE);
        // One after the other: the first creates the schema, the first administrator and the development secrets
        // (in the shared data folder) that the second then reads, as replicas sharing JWT_SECRET_KEY and
        // ENCRYPTION_KEY do.
        replicaA = start();
        replicaB = start();
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        if (replicaA != null) {
            replicaA.close();
        }
        if (replicaB != null) {
            replicaB.close();
        }
        postgres("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Test
    void anEnrolmentOnOneReplicaIsIdentifiedOnTheOtherAtOnceAndADeletionTravelsBack() throws Exception {
        TestHttp a = new TestHttp(port(replicaA));
        TestHttp b = new TestHttp(port(replicaB));
        String gallery = created(a.postJson("/api/v1/galleries", "{\"name\":\"wake-up\"}"));
        String person = powellIn(a, gallery);
        byte[] probe = photo("Colin_Powell/Colin_Powell_0002.jpg");
        assertThat(matchOn(b, gallery, probe)).as("nothing enrolled yet").isEmpty();

        json(a.postImage("/api/v1/persons/" + person + "/faces", photo("Colin_Powell/Colin_Powell_0001.jpg")), 201);
        Duration seen = awaitOn(b, gallery, probe, match -> match.equals(person));
        System.out.printf(
                Locale.ROOT,
                "ReplicaWakeUpIT: enrolled on A, identified on B within %d ms of the enrolment's answer%n",
                seen.toMillis());

        HttpResponse<String> deleted = b.call("DELETE", "/api/v1/persons/" + person);
        assertThat(deleted.statusCode()).as(deleted.body()).isBetween(200, 204);
        Duration gone = awaitOn(a, gallery, probe, String::isEmpty);
        System.out.printf(Locale.ROOT, "ReplicaWakeUpIT: deleted on B, gone from A within %d ms%n", gone.toMillis());
    }

    @Test
    void aRetentionSweepOnOneReplicaReachesTheOtherAtOnce() throws Exception {
        TestHttp a = new TestHttp(port(replicaA));
        TestHttp b = new TestHttp(port(replicaB));
        String gallery = created(a.postJson("/api/v1/galleries", "{\"name\":\"sweep\",\"retentionDays\":1}"));
        String person = powellIn(a, gallery);
        byte[] probe = photo("Colin_Powell/Colin_Powell_0002.jpg");
        String face = created(
                a.postImage("/api/v1/persons/" + person + "/faces", photo("Colin_Powell/Colin_Powell_0001.jpg")));
        awaitOn(b, gallery, probe, match -> match.equals(person));
        postgres(DATABASE, "update faces set created_at = now() - interval '2 days' where id = '" + face + "'");

        RetentionSweeper.Report report =
                replicaA.getBean(RetentionSweeper.class).sweep();

        assertThat(report.erased()).isEqualTo(1);
        Duration gone = awaitOn(b, gallery, probe, String::isEmpty);
        System.out.printf(Locale.ROOT, "ReplicaWakeUpIT: swept on A, gone from B within %d ms%n", gone.toMillis());
    }

    /** The id of what a 201 answer created. */
    private static String created(HttpResponse<String> response) {
        return json(response, 201).path("id").asString();
    }

    private static String powellIn(TestHttp replica, String gallery) throws Exception {
        return created(
                replica.postJson("/api/v1/persons", "{\"name\":\"Colin Powell\",\"galleryId\":\"" + gallery + "\"}"));
    }

    /** Polls identify until {@code accept} holds for the match (empty for none); the time it took. */
    private static Duration awaitOn(TestHttp replica, String gallery, byte[] probe, Predicate<String> accept)
            throws Exception {
        long start = System.nanoTime();
        String match = matchOn(replica, gallery, probe);
        while (!accept.test(match)) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(waited)
                    .as("the other replica still answers '%s' after %s: the wake-up did not arrive", match, waited)
                    .isLessThan(WAKE_UP_BOUND);
            Thread.sleep(25);
            match = matchOn(replica, gallery, probe);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String matchOn(TestHttp replica, String gallery, byte[] probe) throws Exception {
        JsonNode face = json(replica.postImage("/api/v1/identify", probe, "galleryId", gallery), 200)
                .path("faces")
                .get(0);
        JsonNode match = face.path("match");
        return match.isObject() ? match.path("personId").asString() : "";
    }

    /** Command-line arguments: they outrank application.yml, as an operator's environment does. */
    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(FacerecApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--facerec.data-dir=" + data,
                        "--facerec.ml.models-dir=" + System.getProperty("facerec.models.dir", "./models"),
                        "--facerec.database.host=127.0.0.1",
                        "--facerec.database.name=" + DATABASE,
                        "--facerec.database.user=postgres",
                        "--facerec.redis.host=" + System.getProperty("facerec.redis.host", "127.0.0.1"),
                        // Only the wake-up can bring a change over within the test.
                        "--facerec.index.catch-up-interval=1h",
                        // The test sweeps by hand, so that only its own sweep erases.
                        "--facerec.retention.sweep-interval=0",
                        "--facerec.gpu.monitor=false",
                        // The shared Redis outlives the test: keep its cached embeddings short-lived.
                        "--facerec.cache.ttl=2m");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static JsonNode json(HttpResponse<String> response, int expected) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images", relative));
    }

    private static void postgres(String sql) throws Exception {
        postgres("postgres", sql);
    }

    private static void postgres(String database, String sql) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
