package dev.facerec.api;

import static dev.facerec.api.EnrollmentJobKit.blank;
import static dev.facerec.api.EnrollmentJobKit.facesByName;
import static dev.facerec.api.EnrollmentJobKit.lfw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.job.JobRunner;
import dev.facerec.core.testing.Zips;
import dev.facerec.storage.s3.S3Server;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bulk enrolment job from a prefix of the S3 bucket, through real HTTP, with the service's images in the same bucket
 * of a real S3 server, the real models and real lfw-dev photos. No runner runs on its own ({@code JOBS_CONCURRENCY=0});
 * the test runs the service's runner when it has changed the bucket behind the job's back, so what the job meets is
 * certain.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "facerec.ml.models-dir=${facerec.models.dir}",
            "facerec.jobs.concurrency=0",
            "facerec.jobs.max-entries=30",
            "facerec.jobs.s3-import-prefix=imports/",
            "facerec.s3.bucket=" + S3PrefixJobEndToEndIT.BUCKET
        })
class S3PrefixJobEndToEndIT {
    static final String BUCKET = "facerec-jobs-e2e";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> PERSONS = List.of("Abdoulaye_Wade", "Abdullah", "Abel_Pacheco");
    private static final S3Server SERVER = start();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolderAndBucket(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
        registry.add("facerec.s3.endpoint", SERVER::endpoint);
        registry.add("facerec.s3.access-key", () -> S3Server.ACCESS_KEY);
        registry.add("facerec.s3.secret-key", () -> S3Server.SECRET_KEY);
    }

    @LocalServerPort
    int port;

    @Autowired
    JobRunner runner;

    private static S3Server start() {
        try {
            return S3Server.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    private TestHttp http() {
        return new TestHttp(port);
    }

    private static void put(MinioClient admin, String key, byte[] bytes) throws Exception {
        if (!admin.bucketExists(
                io.minio.BucketExistsArgs.builder().bucket(BUCKET).build())) {
            admin.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        }
        admin.putObject(PutObjectArgs.builder().bucket(BUCKET).object(key).stream(
                        new ByteArrayInputStream(bytes), (long) bytes.length, null)
                .build());
    }

    @Test
    void aJobFromAPrefixEnrolsTheListedPhotosAndRefusesThoseChangedOrRemovedSince() throws Exception {
        String gallery = createGallery();
        int photos = 0;
        try (MinioClient admin = SERVER.admin()) {
            for (String person : PERSONS) {
                try (var files = Files.list(lfw(person))) {
                    for (Path file : files.sorted().toList()) {
                        put(admin, "imports/staff/" + person + "/" + file.getFileName(), Files.readAllBytes(file));
                        photos++;
                    }
                }
            }
            put(
                    admin,
                    "imports/staff/Abdullah/copy-of-0001.jpg",
                    Files.readAllBytes(lfw("Abdullah").resolve("Abdullah_0001.jpg")));
            put(admin, "imports/staff/Abdullah/blank.png", blank());
            put(admin, "imports/staff/readme.txt", "not a photo".getBytes(java.nio.charset.StandardCharsets.UTF_8));

            String key = UUID.randomUUID().toString();
            HttpResponse<String> created = submit(gallery, "imports/staff", key);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
            JsonNode job = JSON.readTree(created.body());
            String id = job.path("id").asString();
            assertThat(created.headers().firstValue("Location")).contains("/api/v1/jobs/" + id);
            assertThat(job.path("source").asString()).isEqualTo("S3_PREFIX");
            assertThat(job.path("s3Prefix").asString()).isEqualTo("imports/staff/");
            assertThat(job.path("state").asString()).isEqualTo("QUEUED");
            assertThat(job.path("total").asInt()).isEqualTo(photos + 2);
            assertThat(JSON.readTree(submit(gallery, "imports/staff", key).body())
                            .path("id")
                            .asString())
                    .as("a retry with the same Idempotency-Key gets the same job")
                    .isEqualTo(id);

            // Behind the job's back: one photo replaced, one removed, one added.
            put(
                    admin,
                    "imports/staff/Abel_Pacheco/Abel_Pacheco_0002.jpg",
                    Files.readAllBytes(lfw("Abel_Pacheco").resolve("Abel_Pacheco_0003.jpg")));
            admin.removeObject(RemoveObjectArgs.builder()
                    .bucket(BUCKET)
                    .object("imports/staff/Abdoulaye_Wade/Abdoulaye_Wade_0001.jpg")
                    .build());
            put(
                    admin,
                    "imports/staff/Late_Comer/1.jpg",
                    Files.readAllBytes(lfw("Abdullah").resolve("Abdullah_0002.jpg")));

            assertThat(runner.runOne()).isTrue();

            JsonNode done =
                    JSON.readTree(http().call("GET", "/api/v1/jobs/" + id).body());
            assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.path("duplicate").asInt()).isEqualTo(1);
            // Two refused by the bucket, the blank one by the pipeline; the pipeline may refuse an LFW photo too.
            assertThat(done.path("enrolled").asInt()).isBetween(photos - 4, photos - 2);
            assertThat(done.path("enrolled").asInt() + done.path("refused").asInt() + 1)
                    .isEqualTo(photos + 2);

            Map<String, JsonNode> items = items(id);
            assertThat(items)
                    .hasSize(photos + 2)
                    .doesNotContainKey("Late_Comer/1.jpg")
                    .doesNotContainKey("readme.txt");
            assertThat(items.get("Abel_Pacheco/Abel_Pacheco_0002.jpg")
                            .path("code")
                            .asString())
                    .isEqualTo("CONFLICT");
            assertThat(items.get("Abel_Pacheco/Abel_Pacheco_0002.jpg")
                            .path("reason")
                            .asString())
                    .contains("changed after the job listed it");
            assertThat(items.get("Abdoulaye_Wade/Abdoulaye_Wade_0001.jpg")
                            .path("code")
                            .asString())
                    .isEqualTo("NOT_FOUND");
            assertThat(items.get("Abdullah/blank.png").path("code").asString()).isEqualTo("NO_FACE");
            assertThat(items.get("Abdullah/copy-of-0001.jpg").path("outcome").asString())
                    .isEqualTo("DUPLICATE");

            Map<String, Integer> expected = new HashMap<>();
            items.forEach((path, item) -> {
                if (item.path("outcome").asString().equals("ENROLLED")) {
                    expected.merge(path.split("/")[0], 1, Integer::sum);
                }
            });
            Map<String, Integer> facesByName = facesByName(http(), gallery);
            facesByName.values().removeIf(count -> count == 0);
            assertThat(facesByName)
                    .as("one person per folder, each photo enrolled once")
                    .isEqualTo(expected);
            assertThat(StreamSupport.stream(
                                    admin.listObjects(ListObjectsArgs.builder()
                                                    .bucket(BUCKET)
                                                    .prefix("imports/staff/")
                                                    .recursive(true)
                                                    .build())
                                            .spliterator(),
                                    false)
                            .count())
                    .as("the operator's objects stay where they were")
                    .isEqualTo(photos + 3);
        }
    }

    @Test
    void prefixesOutsideTheImportRootUnsafeOrTooLargeAreRefusedBeforeAnyJobExists() throws Exception {
        String gallery = createGallery();
        try (MinioClient admin = SERVER.admin()) {
            for (int i = 0; i < 31; i++) {
                put(admin, "imports/many/Person/" + i + ".jpg", new byte[] {(byte) i});
            }
            put(admin, "imports/odd/Person/a\\b.jpg", blank());
        }
        assertProblem(submit(gallery, "other/staff/", null), 400, "outside_import_root");
        assertProblem(submit(gallery, "", null), 400, "path");
        assertProblem(submit(gallery, "imports/../secret/", null), 400, "path");
        assertProblem(submit(gallery, "/imports/staff/", null), 400, "path");
        assertProblem(submit(gallery, "imports/many/", null), 400, "too_many_entries");
        assertProblem(submit(gallery, "imports/odd/", null), 400, "path");
        assertProblem(submit(gallery, "imports/nothing-here/", null), 400, "empty");

        HttpResponse<String> both = http().send(http().multipart(
                        "/api/v1/jobs/enrollments",
                        BodyPublishers::ofByteArray,
                        TestHttp.field("galleryId", gallery),
                        TestHttp.field("s3Prefix", "imports/many/"),
                        TestHttp.part("archive", "photos.zip", Zips.of(Map.of("p/a.jpg", blank())))));
        assertProblem(both, 400, "two_sources");

        JsonNode jobs = JSON.readTree(
                http().call("GET", "/api/v1/jobs/" + UUID.randomUUID()).body());
        assertThat(jobs.path("code").asString()).isEqualTo("NOT_FOUND");
    }

    private void assertProblem(HttpResponse<String> response, int status, String reason) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("details").path("field").asString()).isEqualTo("s3Prefix");
        assertThat(problem.path("details").path("reason").asString())
                .as(response.body())
                .isEqualTo(reason);
        assertThat(problem.path("detail").asString()).isNotBlank().doesNotContain(S3Server.SECRET_KEY);
    }

    private Map<String, JsonNode> items(String id) throws Exception {
        Map<String, JsonNode> items = new HashMap<>();
        for (int page = 0; page < 3; page++) {
            JsonNode body = JSON.readTree(http().call("GET", "/api/v1/jobs/" + id + "/items?page=" + page + "&size=10")
                    .body());
            body.path("items").forEach(item -> items.put(item.path("path").asString(), item));
        }
        return items;
    }

    private String createGallery() throws Exception {
        return EnrollmentJobKit.createGallery(http(), "s3-jobs-");
    }

    private HttpResponse<String> submit(String gallery, String prefix, String idempotencyKey) throws Exception {
        return EnrollmentJobKit.submit(
                http(), idempotencyKey, TestHttp.field("galleryId", gallery), TestHttp.field("s3Prefix", prefix));
    }
}
