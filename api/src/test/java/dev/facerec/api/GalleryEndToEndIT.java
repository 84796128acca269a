package dev.facerec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enroll, verify, identify and erase through real HTTP on the embedded default: the real models, the embedded
 * database, the local image folder and the in-memory index, all in a throwaway data folder.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        // Gallery size series follow the index on a timer; a short one keeps the metrics check quick.
        properties = {"facerec.ml.models-dir=${facerec.models.dir}", "facerec.metrics.gallery-refresh=200ms"})
class GalleryEndToEndIT {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LFW = "lfw-dev/images/";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private TestHttp http() {
        return new TestHttp(port);
    }

    private static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), LFW + relative));
    }

    private JsonNode postJson(String path, String json, String idempotencyKey, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http().uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http().send(request.build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> postImage(String path, byte[] image, String... fields) throws Exception {
        byte[][] parts = new byte[1 + fields.length / 2][];
        parts[0] = TestHttp.part("image", image);
        for (int i = 0; i < fields.length; i += 2) {
            parts[1 + i / 2] = textPart(fields[i], fields[i + 1]);
        }
        return http().send(http().multipart(path, BodyPublishers::ofByteArray, parts));
    }

    private static byte[] textPart(String name, String value) {
        return ("--" + TestHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private String enrolPerson(String gallery, String name, String image) throws Exception {
        String person = postJson(
                        "/api/v1/persons",
                        "{\"name\":\"" + name + "\",\"galleryId\":\"" + gallery + "\",\"externalId\":\"" + name + "\"}",
                        null,
                        201)
                .path("id")
                .asString();
        HttpResponse<String> face = postImage("/api/v1/persons/" + person + "/faces", photo(image));
        assertThat(face.statusCode()).as(face.body()).isEqualTo(201);
        return person;
    }

    private String scrapeUntilContains(String series) throws Exception {
        TestHttp management = TestHttp.anonymous(managementPort);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body;
        do {
            body = management.getText("/actuator/prometheus").body();
            if (body.contains(series)) {
                return body;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + series + " in /actuator/prometheus within 10 s:\n" + body);
    }

    private static double counted(String metrics, String result) {
        Matcher matcher = Pattern.compile(
                        "^facerec_embedding_cache_requests_total\\{result=\"" + result + "\"\\} (\\S+)$",
                        Pattern.MULTILINE)
                .matcher(metrics);
        assertThat(matcher.find()).as("a %s count in the scrape", result).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void enrolIdentifyVerifyAndErase() throws Exception {
        String gallery = postJson("/api/v1/galleries", "{\"name\":\"staff\"}", "create-staff", 201)
                .path("id")
                .asString();
        String replayed = postJson("/api/v1/galleries", "{\"name\":\"staff\"}", "create-staff", 201)
                .path("id")
                .asString();
        assertThat(replayed).as("an idempotent retry returns the first answer").isEqualTo(gallery);

        String colin = enrolPerson(gallery, "Colin_Powell", "Colin_Powell/Colin_Powell_0001.jpg");
        enrolPerson(gallery, "Tony_Blair", "Tony_Blair/Tony_Blair_0001.jpg");

        HttpResponse<String> identified = postImage(
                "/api/v1/identify", photo("Colin_Powell/Colin_Powell_0002.jpg"), "galleryId", gallery, "limit", "2");
        assertThat(identified.statusCode()).as(identified.body()).isEqualTo(200);
        JsonNode face = JSON.readTree(identified.body()).path("faces").get(0);
        assertThat(face.path("match").path("personId").asString()).isEqualTo(colin);
        assertThat(face.path("candidates")).hasSize(2);
        // The default pack ships its tail and genuine quantiles: two faces, FPIR near the 1:1 FMR, no warning.
        JsonNode answer = JSON.readTree(identified.body());
        assertThat(answer.path("expectedFpir").asDouble()).isBetween(1e-4, 0.01);
        assertThat(answer.path("expectedTpir").asDouble()).isBetween(0.9, 1.0);
        assertThat(answer.path("warnings")).isEmpty();
        assertThat(face.path("match").path("confidence").asDouble()).isGreaterThan(0.999);
        assertThat(face.path("candidates").get(1).path("confidence").asDouble())
                .isLessThan(face.path("match").path("confidence").asDouble());
        JsonNode view =
                JSON.readTree(http().getText("/api/v1/galleries/" + gallery).body());
        assertThat(view.path("expectedTpir").asDouble()).isBetween(0.9, 1.0);
        assertThat(view.path("warnings")).isEmpty();
        HttpResponse<String> repeated = postImage(
                "/api/v1/identify", photo("Colin_Powell/Colin_Powell_0002.jpg"), "galleryId", gallery, "limit", "2");
        assertThat(repeated.statusCode()).as(repeated.body()).isEqualTo(200);
        String metrics = scrapeUntilContains("facerec_gallery_faces{gallery=\"" + gallery + "\"} 2.0");
        // Other tests of this class share the service and may have made galleries of their own.
        int galleries = JSON.readTree(http().getText("/api/v1/galleries").body())
                .path("items")
                .size();
        assertThat(metrics).contains("facerec_galleries " + galleries + ".0");
        assertThat(counted(metrics, "hit"))
                .as("the repeated image came from the cache")
                .isGreaterThanOrEqualTo(1);
        assertThat(counted(metrics, "miss")).isGreaterThanOrEqualTo(1);

        HttpResponse<String> stranger =
                postImage("/api/v1/identify", photo("Aaron_Sorkin/Aaron_Sorkin_0001.jpg"), "galleryId", gallery);
        assertThat(JSON.readTree(stranger.body())
                        .path("faces")
                        .get(0)
                        .path("match")
                        .isNull())
                .as("someone not enrolled is unknown: %s", stranger.body())
                .isTrue();

        HttpResponse<String> verified =
                postImage("/api/v1/persons/" + colin + "/verify", photo("Colin_Powell/Colin_Powell_0003.jpg"));
        assertThat(JSON.readTree(verified.body()).path("match").asBoolean()).isTrue();

        HttpResponse<String> deleted = http().send(HttpRequest.newBuilder(http().uri("/api/v1/persons/" + colin))
                .timeout(Duration.ofSeconds(10))
                .DELETE()
                .build());
        assertThat(deleted.statusCode()).isIn(200, 204);
        HttpResponse<String> after =
                postImage("/api/v1/identify", photo("Colin_Powell/Colin_Powell_0002.jpg"), "galleryId", gallery);
        JsonNode candidates = JSON.readTree(after.body()).path("faces").get(0).path("candidates");
        for (JsonNode candidate : candidates) {
            assertThat(candidate.path("personId").asString())
                    .as("erased everywhere")
                    .isNotEqualTo(colin);
        }
        assertThat(http().send(http().get("/api/v1/persons/" + colin)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aPhotoWithSeveralFacesCannotBeEnrolledAndSaysWhichFacesItFound() throws Exception {
        String gallery = postJson("/api/v1/galleries", "{\"name\":\"groups\"}", null, 201)
                .path("id")
                .asString();
        String person = postJson(
                        "/api/v1/persons", "{\"name\":\"Someone\",\"galleryId\":\"" + gallery + "\"}", null, 201)
                .path("id")
                .asString();
        byte[] group = Files.readAllBytes(
                Path.of(System.getProperty("facerec.data.dir"), "detection/multi-face/faceapi_bbt4.jpg"));
        HttpResponse<String> refused = postImage("/api/v1/persons/" + person + "/faces", group);
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("code").asString()).isEqualTo("MULTIPLE_FACES");
        JsonNode boxes = problem.path("details").path("boxes");
        assertThat(boxes.size()).as(refused.body()).isBetween(2, 6);
        assertThat(problem.path("detail").asString()).contains("'box'");

        // The client picks one of the faces it was shown and sends it back.
        JsonNode chosen = boxes.get(1);
        String box = chosen.path("x").asDouble() + "," + chosen.path("y").asDouble() + ","
                + chosen.path("width").asDouble() + "," + chosen.path("height").asDouble();
        HttpResponse<String> enrolled = postImage("/api/v1/persons/" + person + "/faces", group, "box", box);
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        JsonNode face = JSON.readTree(enrolled.body());
        assertThat(face.path("box").path("x").asDouble())
                .isCloseTo(chosen.path("x").asDouble(), within(0.5));
        assertThat(face.path("box").path("width").asDouble())
                .isCloseTo(chosen.path("width").asDouble(), within(0.5));

        HttpResponse<String> malformed = postImage("/api/v1/persons/" + person + "/faces", group, "box", "10,20,abc");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("code").asString()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void aPortraitWithAPasserByInTheBackgroundEnrolsTheSubject() throws Exception {
        String gallery = postJson("/api/v1/galleries", "{\"name\":\"portraits\"}", null, 201)
                .path("id")
                .asString();
        String person = postJson(
                        "/api/v1/persons", "{\"name\":\"Zoran Djindjic\",\"galleryId\":\"" + gallery + "\"}", null, 201)
                .path("id")
                .asString();
        // An 89 px subject in the centre and a 54 px face behind: 0.61 times as wide, so background.
        HttpResponse<String> enrolled =
                postImage("/api/v1/persons/" + person + "/faces", photo("Zoran_Djindjic/Zoran_Djindjic_0002.jpg"));
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        JsonNode box = JSON.readTree(enrolled.body()).path("box");
        assertThat(box.path("width").asDouble()).isGreaterThan(80);
        assertThat(box.path("x").asDouble() + box.path("width").asDouble() / 2).isCloseTo(125, within(30.0));
    }
}
