package dev.facerec.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model migration through the real service and real HTTP: faces enrolled with the default pack, the migration
 * started and followed over the admin routes until complete, the switch-over, then a restart that identifies with
 * the new pack (persisted, not configured) and names the person.
 */
class ModelMigrationEndToEndIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "Qm7vT2xL9pR4wZ8nB1cY6hJ3kD5fG0sAeUiOa";

    @TempDir
    Path dataDir;

    private static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images/" + relative));
    }

    private ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("facerec.ml.models-dir", System.getProperty("facerec.models.dir"));
        properties.put("facerec.data-dir", dataDir.toString());
        properties.put(
                "facerec.database.embedded-directory", dataDir.resolve("db").toString());
        properties.put("management.server.port", "0");
        properties.put("facerec.environment", "production");
        properties.put("facerec.security.jwt-secret-key", "Kq7vR2mX9pL4tZ8wN3bH6cJ1fD5gS0yTuE");
        properties.put("facerec.encryption.key", KEY);
        return new SpringApplicationBuilder(FacerecApplication.class)
                .run(properties.entrySet().stream()
                        .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
    }

    private static TestHttp http(ConfigurableApplicationContext context) {
        return new TestHttp(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void migratesOverTheAdminRoutesAndARestartIdentifiesWithTheNewPack() throws Exception {
        String gallery;
        Map<String, String> people = new HashMap<>();
        try (ConfigurableApplicationContext before = start()) {
            TestHttp http = http(before);
            gallery = post(http, "/api/v1/galleries", "{\"name\":\"moving\"}", 201)
                    .path("id")
                    .asString();
            for (String name : List.of("Colin_Powell", "Tony_Blair")) {
                String person = post(
                                http,
                                "/api/v1/persons",
                                "{\"name\":\"" + name + "\",\"galleryId\":\"" + gallery + "\"}",
                                201)
                        .path("id")
                        .asString();
                people.put(person, name);
                for (int i = 1; i <= 3; i++) {
                    HttpResponse<String> face = postImage(
                            http,
                            "/api/v1/persons/" + person + "/faces",
                            photo("%s/%s_%04d.jpg".formatted(name, name, i)));
                    assertThat(face.statusCode()).as(face.body()).isEqualTo(201);
                }
            }
            assertThat(post(http, "/api/v1/admin/model-migrations", "{\"recognizer\":\"no-such-pack\"}", 400)
                            .path("code")
                            .asString())
                    .isEqualTo("INVALID_REQUEST");
            JsonNode progress =
                    post(http, "/api/v1/admin/model-migrations", "{\"recognizer\":\"mobilefacenet-128\"}", 202);
            assertThat(progress.path("total").asLong()).isEqualTo(6);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!progress.path("state").asString().equals("complete") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                progress = JSON.readTree(
                        http.getText("/api/v1/admin/model-migrations").body());
            }
            assertThat(progress.path("state").asString())
                    .as(progress.toString())
                    .isEqualTo("complete");
            assertThat(progress.path("done").asLong()).isEqualTo(6);
            assertThat(progress.path("failed").asLong()).isZero();
            // The old pack still serves until the switch-over.
            assertThat(identify(http, gallery).path("model").asString()).isEqualTo("faceplugin-512");
            assertThat(post(http, "/api/v1/admin/model-migrations/switch-over", "", 200)
                            .path("state")
                            .asString())
                    .isEqualTo("switched");
        }
        try (ConfigurableApplicationContext after = start()) {
            JsonNode identified = identify(http(after), gallery);
            assertThat(identified.path("model").asString()).isEqualTo("mobilefacenet-128");
            assertThat(people.get(identified
                            .path("faces")
                            .get(0)
                            .path("match")
                            .path("personId")
                            .asString()))
                    .isEqualTo("Colin_Powell");
        }
    }

    private static JsonNode identify(TestHttp http, String gallery) throws Exception {
        HttpResponse<String> identified =
                postImage(http, "/api/v1/identify", photo("Colin_Powell/Colin_Powell_0004.jpg"), gallery);
        assertThat(identified.statusCode()).as(identified.body()).isEqualTo(200);
        return JSON.readTree(identified.body());
    }

    private static JsonNode post(TestHttp http, String path, String json, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> postImage(TestHttp http, String path, byte[] image) throws Exception {
        return http.send(http.multipart(path, BodyPublishers::ofByteArray, TestHttp.part("image", image)));
    }

    private static HttpResponse<String> postImage(TestHttp http, String path, byte[] image, String galleryId)
            throws Exception {
        byte[] field = ("--" + TestHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"galleryId\"\r\n\r\n"
                        + galleryId + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return http.send(http.multipart(path, BodyPublishers::ofByteArray, TestHttp.part("image", image), field));
    }
}
