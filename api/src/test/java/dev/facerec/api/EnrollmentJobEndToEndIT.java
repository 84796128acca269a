package dev.facerec.api;

import static dev.facerec.api.EnrollmentJobKit.blank;
import static dev.facerec.api.EnrollmentJobKit.facesByName;
import static dev.facerec.api.EnrollmentJobKit.lfw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.testing.Zips;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * A bulk enrolment job through real HTTP on the embedded default with the real models and real photos: the archive is
 * checked, the job runs in the background, and its counts, items, persons and faces agree.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"facerec.ml.models-dir=${facerec.models.dir}", "facerec.jobs.poll-interval=200ms"})
class EnrollmentJobEndToEndIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> PERSONS = List.of("Abdoulaye_Wade", "Abdullah", "Abel_Pacheco");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @LocalServerPort
    int port;

    private TestHttp http() {
        return new TestHttp(port);
    }

    @Test
    void aJobEnrolsEveryPhotoOfAFolderArchiveOnceAndReportsDuplicatesAndRefusals() throws Exception {
        String gallery = createGallery();
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        int photos = 0;
        for (String person : PERSONS) {
            try (var files = Files.list(lfw(person))) {
                for (Path file : files.sorted().toList()) {
                    entries.put("staff/" + person + "/" + file.getFileName(), Files.readAllBytes(file));
                    photos++;
                }
            }
        }
        byte[] again = entries.get("staff/Abdullah/Abdullah_0001.jpg");
        entries.put("staff/Abdullah/copy-of-0001.jpg", again);
        entries.put("staff/Abdullah/blank.png", blank());

        String key = UUID.randomUUID().toString();
        HttpResponse<String> created = submit(gallery, Zips.of(entries), key);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        JsonNode job = JSON.readTree(created.body());
        String id = job.path("id").asString();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/jobs/" + id);
        assertThat(job.path("total").asInt()).isEqualTo(photos + 2);
        assertThat(JSON.readTree(submit(gallery, Zips.of(entries), key).body())
                        .path("id")
                        .asString())
                .as("a retry with the same Idempotency-Key gets the same job")
                .isEqualTo(id);

        JsonNode done = awaitFinal(id);
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        // The real pipeline may refuse an LFW photo (the quality gate); the blank image it must refuse.
        assertThat(done.path("enrolled").asInt()).isBetween(photos - 2, photos);
        assertThat(done.path("duplicate").asInt()).isEqualTo(1);
        assertThat(done.path("enrolled").asInt() + done.path("refused").asInt() + 1)
                .isEqualTo(photos + 2);
        assertThat(done.path("photosPerSecond").asDouble()).isPositive();

        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode body = JSON.readTree(http().call("GET", "/api/v1/jobs/" + id + "/items?page=" + page + "&size=5")
                    .body());
            body.path("items").forEach(items::add);
        }
        assertThat(items).hasSize(photos + 2);
        JsonNode refused = items.stream()
                .filter(item -> item.path("path").asString().endsWith("blank.png"))
                .findFirst()
                .orElseThrow();
        assertThat(refused.path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(refused.path("code").asString()).isEqualTo("NO_FACE");
        JsonNode duplicate = items.stream()
                .filter(item -> item.path("path").asString().endsWith("copy-of-0001.jpg"))
                .findFirst()
                .orElseThrow();
        assertThat(duplicate.path("outcome").asString()).isEqualTo("DUPLICATE");

        Map<String, Integer> facesByName = facesByName(http(), gallery);
        Map<String, Integer> expected = new HashMap<>();
        for (JsonNode item : items) {
            if (item.path("outcome").asString().equals("ENROLLED")) {
                expected.merge(item.path("path").asString().split("/")[1], 1, Integer::sum);
            }
        }
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(PERSONS);
        assertThat(facesByName)
                .as("one person per folder, each photo enrolled once")
                .isEqualTo(expected);

        HttpResponse<String> events = http().send(HttpRequest.newBuilder(http().uri("/api/v1/jobs/" + id + "/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "text/event-stream")
                .GET()
                .build());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("event:finished").contains("\"state\":\"SUCCEEDED\"");

        HttpResponse<String> cancel = http().send(HttpRequest.newBuilder(http().uri("/api/v1/jobs/" + id + "/cancel"))
                .timeout(Duration.ofSeconds(30))
                .POST(BodyPublishers.noBody())
                .build());
        assertThat(cancel.statusCode()).as("a finished job cannot be cancelled").isEqualTo(409);
    }

    /**
     * The job computes a photo's face ahead, on another thread and one core, while it stores the one before: what it
     * stores is what enrolling the same photos one request at a time stores (same boxes, scores and quality, and
     * embeddings that find each other).
     */
    @Test
    void aJobStoresTheFacesThatEnrollingEachPhotoByItselfStores() throws Exception {
        String person = "Abdullah_Gul";
        List<Path> files;
        try (var listed = Files.list(lfw(person))) {
            files = listed.sorted().limit(6).toList();
        }
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            entries.put(person + "/" + file.getFileName(), Files.readAllBytes(file));
        }
        String jobGallery = createGallery();
        String id = JSON.readTree(submit(jobGallery, Zips.of(entries), null).body())
                .path("id")
                .asString();
        assertThat(awaitFinal(id).path("enrolled").asInt()).isEqualTo(files.size());

        String oneByOne = createGallery();
        String personId = JSON.readTree(http().postJson(
                                "/api/v1/persons", "{\"name\":\"" + person + "\",\"galleryId\":\"" + oneByOne + "\"}")
                        .body())
                .path("id")
                .asString();
        List<JsonNode> expected = new ArrayList<>();
        for (byte[] photo : entries.values()) {
            HttpResponse<String> enrolled = http().postImage("/api/v1/persons/" + personId + "/faces", photo);
            assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
            expected.add(JSON.readTree(enrolled.body()));
        }
        JsonNode jobPerson = JSON.readTree(http().call("GET", "/api/v1/persons?galleryId=" + jobGallery)
                        .body())
                .path("items")
                .get(0);
        JsonNode jobFaces = JSON.readTree(http().call(
                                "GET", "/api/v1/persons/" + jobPerson.path("id").asString() + "/faces?size=50")
                        .body())
                .path("items");

        assertThat(jobFaces).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode job = jobFaces.get(i);
            assertThat(job.path("box"))
                    .as("detection")
                    .isEqualTo(expected.get(i).path("box"));
            assertThat(job.path("score")).isEqualTo(expected.get(i).path("score"));
            assertThat(job.path("quality")).isEqualTo(expected.get(i).path("quality"));
        }
        byte[] probe = entries.values().iterator().next();
        JsonNode candidate = JSON.readTree(http().postImage("/api/v1/identify", probe, "galleryId", oneByOne)
                        .body())
                .path("faces")
                .get(0)
                .path("candidates")
                .get(0);
        assertThat(candidate.path("faceId").asString())
                .isEqualTo(expected.get(0).path("id").asString());
        assertThat(candidate.path("similarity").asDouble())
                .as("the embedding is the photo's own")
                .isGreaterThan(0.999);
        JsonNode fromJob = JSON.readTree(http().postImage("/api/v1/identify", probe, "galleryId", jobGallery)
                        .body())
                .path("faces")
                .get(0)
                .path("candidates")
                .get(0);
        assertThat(fromJob.path("faceId").asString())
                .isEqualTo(jobFaces.get(0).path("id").asString());
        assertThat(fromJob.path("similarity")).isEqualTo(candidate.path("similarity"));
    }

    @Test
    void aHostileArchiveIsRefusedWithAProblemBeforeAnyJobExists() throws Exception {
        String gallery = createGallery();
        HttpResponse<String> traversal = submit(
                gallery,
                Zips.of(Map.of("../../etc/evil.jpg", blank())),
                UUID.randomUUID().toString());
        assertThat(traversal.statusCode()).as(traversal.body()).isEqualTo(400);
        assertThat(traversal.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(traversal.body()).path("code").asString()).isEqualTo("INVALID_REQUEST");

        HttpResponse<String> bomb = submit(gallery, Zips.of(Map.of("p/zeros.jpg", new byte[5_000_000])), null);
        assertThat(bomb.statusCode()).as(bomb.body()).isEqualTo(400);
        assertThat(bomb.body()).contains("compressed more than");

        HttpResponse<String> unknown = submit(UUID.randomUUID().toString(), Zips.of(Map.of("p/a.jpg", blank())), null);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    }

    @Test
    void withoutS3StorageAJobFromAPrefixIsAConflictAndAFormWithoutSourceIsRefused() throws Exception {
        String gallery = createGallery();
        HttpResponse<String> prefix = http().send(http().multipart(
                        "/api/v1/jobs/enrollments",
                        BodyPublishers::ofByteArray,
                        TestHttp.field("galleryId", gallery),
                        TestHttp.field("s3Prefix", "imports/staff/")));
        assertThat(prefix.statusCode()).as(prefix.body()).isEqualTo(409);
        JsonNode problem = JSON.readTree(prefix.body());
        assertThat(problem.path("code").asString()).isEqualTo("CONFLICT");
        assertThat(problem.path("details").path("reason").asString()).isEqualTo("no_s3_storage");
        assertThat(problem.path("detail").asString()).contains("S3_ENDPOINT");

        HttpResponse<String> neither = http().send(http().multipart(
                        "/api/v1/jobs/enrollments", BodyPublishers::ofByteArray, TestHttp.field("galleryId", gallery)));
        assertThat(neither.statusCode()).as(neither.body()).isEqualTo(400);
        assertThat(neither.body()).contains("archive").contains("s3Prefix");
    }

    private String createGallery() throws Exception {
        return EnrollmentJobKit.createGallery(http(), "jobs-");
    }

    private HttpResponse<String> submit(String gallery, byte[] archive, String idempotencyKey) throws Exception {
        return EnrollmentJobKit.submit(
                http(),
                idempotencyKey,
                TestHttp.field("galleryId", gallery),
                TestHttp.part("archive", "photos.zip", archive));
    }

    private JsonNode awaitFinal(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode job;
        do {
            Thread.sleep(250);
            job = JSON.readTree(http().call("GET", "/api/v1/jobs/" + id).body());
        } while (List.of("QUEUED", "RUNNING").contains(job.path("state").asString()) && System.nanoTime() < deadline);
        return job;
    }
}
