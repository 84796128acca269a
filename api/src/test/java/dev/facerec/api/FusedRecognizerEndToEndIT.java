package dev.facerec.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The fused recognizer pack chosen the way an operator chooses a pack ({@code FACE_RECOGNIZER_PACK=fusion-640}),
 * through the real service and real HTTP: health names it, faces are enrolled and identified with its 640-d
 * embeddings, and after a restart the gallery index, rebuilt from the database, still names the person.
 */
class FusedRecognizerEndToEndIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images/" + relative));
    }

    private ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("FACE_MODELS_DIR", System.getProperty("facerec.models.dir"));
        properties.put("FACE_RECOGNIZER_PACK", "fusion-640");
        properties.put("facerec.data-dir", dataDir.toString());
        properties.put(
                "facerec.database.embedded-directory", dataDir.resolve("db").toString());
        // Production settings with fixed keys, so that the restarted service reads what the first one sealed.
        properties.put("facerec.environment", "production");
        properties.put("facerec.security.jwt-secret-key", "Kq7vR2mX9pL4tZ8wN3bH6cJ1fD5gS0yTuE");
        properties.put("facerec.encryption.key", "Qm7vT2xL9pR4wZ8nB1cY6hJ3kD5fG0sAeUiOa");
        return new SpringApplicationBuilder(FacerecApplication.class)
                .run(properties.entrySet().stream()
                        .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
    }

    private static TestHttp http(ConfigurableApplicationContext context) {
        return new TestHttp(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void enrolsAndIdentifiesWithTheFusedPackAcrossARestart() throws Exception {
        String gallery;
        Map<String, String> people = new HashMap<>();
        try (ConfigurableApplicationContext context = start()) {
            TestHttp http = http(context);
            JsonNode health = JSON.readTree(http.getText("/health/ready").body());
            assertThat(health.path("recognizerModel").asString()).isEqualTo("fusion-640");
            assertThat(health.path("embeddingSize").asInt()).isEqualTo(640);
            gallery = post(http, "/api/v1/galleries", "{\"name\":\"fused\"}")
                    .path("id")
                    .asString();
            for (String name : List.of("Colin_Powell", "Tony_Blair")) {
                String person = post(
                                http,
                                "/api/v1/persons",
                                "{\"name\":\"" + name + "\",\"galleryId\":\"" + gallery + "\"}")
                        .path("id")
                        .asString();
                people.put(person, name);
                for (int i = 1; i <= 2; i++) {
                    HttpResponse<String> face = http.send(http.multipart(
                            "/api/v1/persons/" + person + "/faces",
                            BodyPublishers::ofByteArray,
                            TestHttp.part("image", photo("%s/%s_%04d.jpg".formatted(name, name, i)))));
                    assertThat(face.statusCode()).as(face.body()).isEqualTo(201);
                }
            }
            assertIdentifies(http, gallery, people);
        }
        try (ConfigurableApplicationContext restarted = start()) {
            assertIdentifies(http(restarted), gallery, people);
        }
    }

    private static void assertIdentifies(TestHttp http, String gallery, Map<String, String> people) throws Exception {
        for (String name : List.of("Colin_Powell", "Tony_Blair")) {
            byte[] field = ("--" + TestHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"galleryId\"\r\n\r\n"
                            + gallery + "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(http.multipart(
                    "/api/v1/identify",
                    BodyPublishers::ofByteArray,
                    TestHttp.part("image", photo("%s/%s_0004.jpg".formatted(name, name))),
                    field));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode identified = JSON.readTree(response.body());
            assertThat(identified.path("model").asString()).isEqualTo("fusion-640");
            JsonNode match = identified.path("faces").get(0).path("match");
            assertThat(people.get(match.path("personId").asString()))
                    .as(response.body())
                    .isEqualTo(name);
        }
    }

    private static JsonNode post(TestHttp http, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }
}
