package dev.facerec.api;

import static dev.facerec.api.ProductionService.enrol;
import static dev.facerec.api.ProductionService.enrolGallery;
import static dev.facerec.api.ProductionService.http;
import static dev.facerec.api.ProductionService.photo;
import static dev.facerec.api.ProductionService.photoOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model migration through the real service and real HTTP, switched over and rolled back without a restart: faces
 * enrolled with the default pack, the migration started and followed over the admin routes until complete, a face
 * enrolled after the pass, the switch-over, after which the same process identifies with the new pack (the late face
 * included), a rollback to the old pack, a second migration and switch-over, then a restart that identifies with the
 * new pack (persisted, not configured). A second test runs two replicas on one PostgreSQL database: the one that did
 * not receive the switch-over (or the rollback) follows within seconds.
 */
class ModelMigrationEndToEndIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "Qm7vT2xL9pR4wZ8nB1cY6hJ3kD5fG0sAeUiOa";
    private static final String OLD = "faceplugin-512";
    private static final String NEW = "mobilefacenet-128";
    private static final String SWITCH_OVER = "/api/v1/admin/model-migrations/switch-over";
    private static final String ROLLBACK = "/api/v1/admin/model-migrations/rollback";
    private static final List<String> PEOPLE = List.of("Colin_Powell", "Tony_Blair");
    private static final String PROBE = "Colin_Powell/Colin_Powell_0004.jpg";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(Map<String, Object> database) {
        return ProductionService.start(dataDir, KEY, database);
    }

    @Test
    void switchesOverAndRollsBackWithoutARestartAndARestartKeepsTheSwitchedModel() throws Exception {
        Map<String, String> people = new HashMap<>();
        String gallery;
        try (ConfigurableApplicationContext service = start(ProductionService.embeddedDatabase(dataDir))) {
            TestHttp http = http(service);
            gallery = enrolGallery(http, "moving", PEOPLE, 3, people);
            assertThat(post(http, "/api/v1/admin/model-migrations", "{\"recognizer\":\"no-such-pack\"}", 400)
                            .path("code")
                            .asString())
                    .isEqualTo("INVALID_REQUEST");
            JsonNode progress = migrate(http);
            assertThat(progress.path("total").asLong()).isEqualTo(6);
            assertThat(progress.path("done").asLong()).isEqualTo(6);
            assertThat(progress.path("failed").asLong()).isZero();
            // The old pack still serves until the switch-over; a face enrolled now gets its embedding.
            assertThat(identify(http, gallery, PROBE).path("model").asString()).isEqualTo(OLD);
            String late = enrol(http, personNamed(people, "Tony_Blair"), photo(photoOf("Tony_Blair", 4)));

            assertThat(step(http, SWITCH_OVER)).isEqualTo("switched");

            // Right after, in the same process: the new pack, the new index, the late face re-embedded on the way.
            JsonNode identified = identify(http, gallery, PROBE);
            assertThat(identified.path("model").asString()).isEqualTo(NEW);
            assertThat(matchedName(identified, people)).isEqualTo("Colin_Powell");
            JsonNode lateFace = identify(http, gallery, photoOf("Tony_Blair", 4));
            assertThat(lateFace.path("model").asString()).isEqualTo(NEW);
            assertThat(lateFace.path("faces")
                            .get(0)
                            .path("match")
                            .path("faceId")
                            .asString())
                    .as("the face enrolled after the pass, found with the new model")
                    .isEqualTo(late);
            assertThat(servedModel(http)).isEqualTo(NEW);
            // Enrolment goes on with the new model.
            enrol(http, personNamed(people, "Colin_Powell"), photo(photoOf("Colin_Powell", 5)));

            assertThat(step(http, ROLLBACK)).isEqualTo("rolled_back");
            JsonNode rolledBack = identify(http, gallery, PROBE);
            assertThat(rolledBack.path("model").asString()).isEqualTo(OLD);
            assertThat(matchedName(rolledBack, people)).isEqualTo("Colin_Powell");
            assertThat(servedModel(http)).isEqualTo(OLD);

            // Forward again: the pass finds the new embeddings the rollback kept; then a restart.
            migrate(http);
            step(http, SWITCH_OVER);
            assertThat(identify(http, gallery, PROBE).path("model").asString()).isEqualTo(NEW);
        }
        try (ConfigurableApplicationContext restarted = start(ProductionService.embeddedDatabase(dataDir))) {
            JsonNode identified = identify(http(restarted), gallery, PROBE);
            assertThat(identified.path("model").asString()).isEqualTo(NEW);
            assertThat(matchedName(identified, people)).isEqualTo("Colin_Powell");
        }
    }

    @Test
    void theReplicaThatDidNotReceiveTheSwitchOverFollowsWithinSeconds() throws Exception {
        String database = "facerec_switch_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        postgres("create database " + database);
        Map<String, Object> shared = new HashMap<>();
        shared.put("facerec.database.host", "127.0.0.1");
        shared.put("facerec.database.name", database);
        shared.put("facerec.database.user", "postgres");
        try (ConfigurableApplicationContext first = start(shared);
                ConfigurableApplicationContext second = start(shared)) {
            TestHttp a = http(first);
            TestHttp b = http(second);
            Map<String, String> people = new HashMap<>();
            String gallery = enrolGallery(a, "moving", PEOPLE, 3, people);
            migrate(a);
            assertThat(identify(b, gallery, PROBE).path("model").asString()).isEqualTo(OLD);

            step(a, SWITCH_OVER);
            long switchedAt = System.nanoTime();
            // An enrolment on the other replica right away is either stored with the new model (it has switched)
            // or refused retryably (it has not yet): never stored with the old one.
            String during = enrolRetrying(b, personNamed(people, "Tony_Blair"), photoOf("Tony_Blair", 4));
            double followed = awaitModel(b, gallery, NEW, switchedAt);
            JsonNode identified = identify(b, gallery, PROBE);
            assertThat(matchedName(identified, people)).isEqualTo("Colin_Powell");
            assertThat(servedModel(b)).isEqualTo(NEW);
            assertThat(awaitMatchedFace(a, gallery, photoOf("Tony_Blair", 4), during))
                    .as("the face enrolled on the other replica during the switch, found with the new model")
                    .isEqualTo(during);

            step(a, ROLLBACK);
            long rolledBackAt = System.nanoTime();
            double followedBack = awaitModel(b, gallery, OLD, rolledBackAt);
            assertThat(matchedName(identify(b, gallery, PROBE), people)).isEqualTo("Colin_Powell");
            System.out.printf(
                    "Model switch: the second replica served %s %.1f s after the switch-over on the first, and %s"
                            + " %.1f s after the rollback (MODEL_SWITCH_POLL_INTERVAL 2 s)%n",
                    NEW, followed, OLD, followedBack);
            assertThat(followed).as("seconds until the second replica switched").isLessThan(15);
            assertThat(followedBack).as("seconds until it switched back").isLessThan(15);
        } finally {
            postgres("drop database if exists " + database + " with (force)");
        }
    }

    /** Starts a migration to the new pack and follows it until complete. */
    private static JsonNode migrate(TestHttp http) throws Exception {
        JsonNode progress = post(http, "/api/v1/admin/model-migrations", "{\"recognizer\":\"" + NEW + "\"}", 202);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!progress.path("state").asString().equals("complete") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            progress =
                    JSON.readTree(http.getText("/api/v1/admin/model-migrations").body());
        }
        assertThat(progress.path("state").asString()).as(progress.toString()).isEqualTo("complete");
        return progress;
    }

    /** Enrols, retrying as a client would after a 503 with Retry-After; the face id. */
    private static String enrolRetrying(TestHttp http, String person, String photo) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> face = http.postImage("/api/v1/persons/" + person + "/faces", photo(photo));
            if (face.statusCode() == 201) {
                return JSON.readTree(face.body()).path("id").asString();
            }
            assertThat(face.statusCode()).as(face.body()).isEqualTo(503);
            assertThat(JSON.readTree(face.body()).path("code").asString()).isEqualTo("UNAVAILABLE");
            assertThat(face.headers().firstValue("Retry-After")).isPresent();
            assertThat(System.nanoTime()).as("enrolment still refused").isLessThan(deadline);
            Thread.sleep(Long.parseLong(face.headers().firstValue("Retry-After").orElseThrow()) * 1000);
        }
    }

    /** Identifies until the replica answers with {@code model}; the seconds since {@code since}. */
    private static double awaitModel(TestHttp http, String gallery, String model, long since) throws Exception {
        long deadline = since + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> identified = http.postImage("/api/v1/identify", photo(PROBE), "galleryId", gallery);
            if (identified.statusCode() == 200
                    && JSON.readTree(identified.body()).path("model").asString().equals(model)) {
                return (System.nanoTime() - since) / 1e9;
            }
            if (identified.statusCode() != 200) {
                // Caught by the switch itself: refused retryably, never answered with a model mix.
                assertThat(identified.statusCode()).as(identified.body()).isEqualTo(503);
                assertThat(identified.headers().firstValue("Retry-After")).isPresent();
            }
            assertThat(System.nanoTime()).as("still not serving " + model).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * The face matched by identifying {@code photo}, waiting (up to 30 s) for the replica's index to catch up with the
     * change log until it is {@code expected}: the other faces of the person match the photo too.
     */
    private static String awaitMatchedFace(TestHttp http, String gallery, String photo, String expected)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode identified = identify(http, gallery, photo);
            assertThat(identified.path("model").asString()).isEqualTo(NEW);
            String matched =
                    identified.path("faces").get(0).path("match").path("faceId").asString();
            if (expected.equals(matched) || System.nanoTime() > deadline) {
                return matched;
            }
            Thread.sleep(200);
        }
    }

    private static String servedModel(TestHttp http) throws Exception {
        HttpResponse<String> ready = http.getText("/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        return JSON.readTree(ready.body()).path("recognizerModel").asString();
    }

    private static String personNamed(Map<String, String> people, String name) {
        return people.entrySet().stream()
                .filter(entry -> entry.getValue().equals(name))
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    private static String matchedName(JsonNode identified, Map<String, String> people) {
        return people.get(
                identified.path("faces").get(0).path("match").path("personId").asString());
    }

    private static JsonNode identify(TestHttp http, String gallery, String photo) throws Exception {
        HttpResponse<String> identified = http.postImage("/api/v1/identify", photo(photo), "galleryId", gallery);
        assertThat(identified.statusCode()).as(identified.body()).isEqualTo(200);
        return JSON.readTree(identified.body());
    }

    /** A switch-over or a rollback, answered 200; the state it reports. */
    private static String step(TestHttp http, String path) throws Exception {
        return post(http, path, "", 200).path("state").asString();
    }

    private static JsonNode post(TestHttp http, String path, String json, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** One statement on this machine's PostgreSQL as postgres (throwaway databases). */
    private static void postgres(String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
