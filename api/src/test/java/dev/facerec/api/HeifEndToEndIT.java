package dev.facerec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facerec.ml.image.heif.HeifAvailability;
import dev.facerec.ml.image.heif.HeifCodec;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HEIC and AVIF photos through the real service over real HTTP: every photo of {@code heic-avif/expected.csv} gets its
 * faces, and the two hostile files get a problem body with the decoder's code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "facerec.ml.models-dir=${facerec.models.dir}")
class HeifEndToEndIT {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, String> HOSTILE_CODES =
            Map.of("bad_bomb_ispe_30000x30000.heic", "IMAGE_TOO_LARGE", "bad_truncated_half.heic", "IMAGE_UNREADABLE");

    @LocalServerPort
    int port;

    @BeforeAll
    static void libheifInstalled() {
        // Only a machine without libheif skips (CI installs it); one that has it but cannot use it fails.
        if (HeifCodec.shared() instanceof HeifAvailability.Unavailable unavailable) {
            assumeTrue(!unavailable.reason().startsWith("cannot load"), "libheif not installed");
            throw new AssertionError("libheif is installed but " + unavailable.status());
        }
    }

    private static Path folder() {
        return Path.of(System.getProperty("facerec.data.dir")).resolve("heic-avif");
    }

    private HttpResponse<String> detect(String name) throws Exception {
        TestHttp http = new TestHttp(port);
        byte[] photo = Files.readAllBytes(folder().resolve(name));
        return http.send(http.multipart(
                "/api/v1/faces/detect", BodyPublishers::ofByteArray, TestHttp.part("image", name, photo)));
    }

    @Test
    void detectsTheFacesOfEveryHeicAndAvifPhoto() throws Exception {
        List<String[]> rows = Files.readAllLines(folder().resolve("expected.csv")).stream()
                .skip(1)
                .map(line -> line.split(",", -1))
                .toList();
        int photos = 0;
        for (String[] row : rows) {
            if (HOSTILE_CODES.containsKey(row[0])) {
                continue;
            }
            HttpResponse<String> response = detect(row[0]);
            assertThat(response.statusCode()).as(row[0]).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("imageWidth").asInt()).as(row[0]).isEqualTo(Integer.parseInt(row[2]));
            assertThat(body.path("faces").size())
                    .as("faces in %s", row[0])
                    .isBetween(Integer.parseInt(row[5]), Integer.parseInt(row[4]));
            photos++;
        }
        assertThat(photos).isEqualTo(rows.size() - HOSTILE_CODES.size()).isPositive();
    }

    @Test
    void answersTheHostileFilesWithAProblem() throws Exception {
        for (Map.Entry<String, String> hostile : HOSTILE_CODES.entrySet()) {
            HttpResponse<String> response = detect(hostile.getKey());
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(hostile.getKey())
                    .hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("code").asString()).as(hostile.getKey()).isEqualTo(hostile.getValue());
            assertThat(problem.path("detail").asString()).isNotBlank();
            assertThat(response.statusCode())
                    .as(hostile.getKey())
                    .isEqualTo(problem.path("status").asInt())
                    .isEqualTo(hostile.getValue().equals("IMAGE_TOO_LARGE") ? 413 : 422);
        }
    }

    @Test
    void listsHeicAndAvifAmongTheSupportedFormats() throws Exception {
        HttpResponse<String> response = new TestHttp(port).getText("/api/v1/upload/supported-formats");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"image/heic\"", "\"image/avif\"");
    }
}
