package dev.facerec.api;

import static dev.facerec.api.ProductionService.enrolGallery;
import static dev.facerec.api.ProductionService.http;
import static dev.facerec.api.ProductionService.photo;
import static dev.facerec.api.ProductionService.photoOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    private static final List<String> PEOPLE = List.of("Colin_Powell", "Tony_Blair");

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        Map<String, Object> settings = ProductionService.embeddedDatabase(dataDir);
        settings.put("FACE_RECOGNIZER_PACK", "fusion-640");
        // A fixed key, so that the restarted service reads what the first one sealed.
        return ProductionService.start(dataDir, "Qm7vT2xL9pR4wZ8nB1cY6hJ3kD5fG0sAeUiOa", settings);
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
            gallery = enrolGallery(http, "fused", PEOPLE, 2, people);
            assertIdentifies(http, gallery, people);
        }
        try (ConfigurableApplicationContext restarted = start()) {
            assertIdentifies(http(restarted), gallery, people);
        }
    }

    private static void assertIdentifies(TestHttp http, String gallery, Map<String, String> people) throws Exception {
        for (String name : PEOPLE) {
            HttpResponse<String> response =
                    http.postImage("/api/v1/identify", photo(photoOf(name, 4)), "galleryId", gallery);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode identified = JSON.readTree(response.body());
            assertThat(identified.path("model").asString()).isEqualTo("fusion-640");
            JsonNode match = identified.path("faces").get(0).path("match");
            assertThat(people.get(match.path("personId").asString()))
                    .as(response.body())
                    .isEqualTo(name);
        }
    }
}
