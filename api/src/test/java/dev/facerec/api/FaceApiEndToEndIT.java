package dev.facerec.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
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
 * The real service end to end: real models from {@code facerec.models.dir}, real photos and every hostile file of
 * {@code data/bad-inputs}, over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "facerec.ml.models-dir=${facerec.models.dir}")
class FaceApiEndToEndIT {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The code each bad input must get; a new file in the folder without an entry here fails the test. */
    private static final Map<String, String> BAD_INPUT_CODES = Map.ofEntries(
            Map.entry("zero_bytes.jpg", "IMAGE_UNREADABLE"),
            Map.entry("text_named.jpg", "IMAGE_UNREADABLE"),
            Map.entry("html_named.png", "IMAGE_UNSUPPORTED"),
            Map.entry("random_bytes.jpg", "IMAGE_UNREADABLE"),
            Map.entry("jpeg_magic_only.jpg", "IMAGE_UNREADABLE"),
            Map.entry("truncated_header_only.jpg", "IMAGE_UNREADABLE"),
            Map.entry("truncated_30pct.jpg", "IMAGE_UNREADABLE"),
            Map.entry("truncated_half.png", "IMAGE_UNREADABLE"),
            Map.entry("truncated_half.webp", "IMAGE_UNREADABLE"),
            Map.entry("bomb_png_20000x20000_rgb_valid.png", "IMAGE_TOO_LARGE"),
            Map.entry("bomb_png_20000x20000_1bit_valid.png", "IMAGE_TOO_LARGE"),
            Map.entry("bomb_png_20000x20000_header_only.png", "IMAGE_TOO_LARGE"),
            Map.entry("bomb_png_65535x65535_header_only.png", "IMAGE_TOO_LARGE"),
            Map.entry("bomb_jpeg_declared_65000x65000.jpg", "IMAGE_TOO_LARGE"),
            Map.entry("pdf_with_face_photo.pdf", "IMAGE_UNSUPPORTED"),
            Map.entry("pdf_text_only.pdf", "IMAGE_UNSUPPORTED"),
            Map.entry("vector.svg", "IMAGE_UNSUPPORTED"));

    /** Files that are valid images by policy: detect answers 200 with this many faces. */
    private static final Map<String, Integer> ACCEPTED_FACES = Map.of(
            "corrupted_middle.jpg", -1, // garbled pixels: any count is acceptable, but an answer is required
            "png_content_named.jpg", 3,
            "extreme_aspect_20000x10.jpg", 0,
            "extreme_aspect_10x20000.png", 0,
            "one_pixel.jpg", 0,
            "one_pixel.png", 0,
            "animated_3frames_face.gif", 1);

    @LocalServerPort
    int port;

    private TestHttp http() {
        return new TestHttp(port);
    }

    private static Path data() {
        return Path.of(System.getProperty("facerec.data.dir"));
    }

    private HttpResponse<String> detect(String field, String filename, byte[] image) throws Exception {
        return http().send(http().multipart(
                        "/api/v1/faces/detect", BodyPublishers::ofByteArray, TestHttp.part(field, filename, image)));
    }

    private HttpResponse<String> compare(String source, String target) throws Exception {
        return http().send(http().multipart(
                        "/api/v1/faces/compare",
                        BodyPublishers::ofByteArray,
                        TestHttp.part("source", Files.readAllBytes(data().resolve(source))),
                        TestHttp.part("target", Files.readAllBytes(data().resolve(target)))));
    }

    @Test
    void readyWithTheRealModelsOnTheCpu() throws Exception {
        HttpResponse<String> response = http().send(http().get("/health/ready"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("recognizerModel").asString()).isEqualTo("faceplugin-512");
        assertThat(body.path("executionProvider").asString()).isEqualTo("CPU");
    }

    @Test
    void detectsEveryFaceOfAGroupPhotoWithLandmarks() throws Exception {
        byte[] photo = Files.readAllBytes(data().resolve("detection/multi-face/faceapi_bbt4.jpg"));
        HttpResponse<String> response = detect("image", "bbt4.jpg", photo);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("imageWidth").asInt()).isEqualTo(710);
        assertThat(body.path("faces")).hasSize(6);
        for (JsonNode face : body.path("faces")) {
            assertThat(face.path("landmarks")).hasSize(5);
            assertThat(face.path("box").path("width").asDouble()).isGreaterThan(40);
            assertThat(face.path("score").asDouble()).isBetween(0.78, 1.0);
        }
    }

    @Test
    void comparesTheSamePersonAndDifferentPeople() throws Exception {
        HttpResponse<String> same = compare(
                "lfw-dev/images/Abel_Pacheco/Abel_Pacheco_0001.jpg",
                "lfw-dev/images/Abel_Pacheco/Abel_Pacheco_0004.jpg");
        HttpResponse<String> different = compare(
                "lfw-dev/images/Abel_Pacheco/Abel_Pacheco_0001.jpg",
                "lfw-dev/images/Akhmed_Zakayev/Akhmed_Zakayev_0001.jpg");
        assertThat(same.statusCode()).isEqualTo(200);
        JsonNode sameBody = JSON.readTree(same.body());
        JsonNode differentBody = JSON.readTree(different.body());
        assertThat(sameBody.path("match").asBoolean()).isTrue();
        assertThat(differentBody.path("match").asBoolean()).isFalse();
        assertThat(sameBody.path("model").asString()).isEqualTo("faceplugin-512");
        assertThat(sameBody.path("threshold").asDouble()).isBetween(0.2, 0.6);
        assertThat(sameBody.path("source").path("box").path("width").asDouble()).isGreaterThan(50);
    }

    @Test
    void aPhotoWithoutAFaceIsA422NamingIt() throws Exception {
        HttpResponse<String> response =
                compare("detection/no-face/opencv_fruits.jpg", "lfw-dev/images/Abel_Pacheco/Abel_Pacheco_0001.jpg");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asString()).isEqualTo("NO_FACE");
        assertThat(problem.path("details").path("image").asString()).isEqualTo("source");
    }

    @Test
    void everyBadInputGetsAProblemOrAnAnswerAndTheServiceKeepsServing() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(data().resolve("bad-inputs"))) {
            files = listing.filter(p -> !p.getFileName().toString().matches("expected\\.csv|SHA256SUMS"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSize(BAD_INPUT_CODES.size() + ACCEPTED_FACES.size());
        for (Path file : files) {
            String name = file.getFileName().toString();
            HttpResponse<String> response = detect("image", name, Files.readAllBytes(file));
            assertThat(response.statusCode()).as(name).isLessThan(500);
            if (ACCEPTED_FACES.containsKey(name)) {
                assertThat(response.statusCode()).as(name).isEqualTo(200);
                int expected = ACCEPTED_FACES.get(name);
                if (expected >= 0) {
                    assertThat(JSON.readTree(response.body()).path("faces"))
                            .as(name)
                            .hasSize(expected);
                }
            } else {
                assertThat(response.headers().firstValue("Content-Type"))
                        .as(name)
                        .hasValue("application/problem+json");
                JsonNode problem = JSON.readTree(response.body());
                assertThat(problem.path("code").asString()).as(name).isEqualTo(BAD_INPUT_CODES.get(name));
                assertThat(problem.path("detail").asString()).as(name).isNotBlank();
                int status = problem.path("status").asInt();
                assertThat(status).as(name).isEqualTo(response.statusCode()).isIn(413, 415, 422);
            }
        }
        readyWithTheRealModelsOnTheCpu();
        detectsEveryFaceOfAGroupPhotoWithLandmarks();
    }

    @Test
    void concurrentRequestsAreAllAnswered() throws Exception {
        byte[] photo = Files.readAllBytes(data().resolve("lfw-dev/images/Abel_Pacheco/Abel_Pacheco_0001.jpg"));
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                responses.add(clients.submit(() -> detect("image", "lfw.jpg", photo)));
            }
            for (Future<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(response.get().body()).path("faces")).hasSize(1);
            }
        }
    }
}
