package dev.facerec.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.core.testing.Zips;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bulk enrolment job survives {@code kill -9}: the real jar on PostgreSQL runs a job of a few hundred LFW photos, is
 * SIGKILLed in the middle of it, and is started again. The job must resume on its own (its lease lapses, the new
 * process claims it) and finish with every photo accounted for, each enrolled photo enrolled exactly once (the
 * faces each person has equal the items recorded as enrolled for that person's folder), and nothing refused that
 * was not refused for a reason of its own.
 */
class JobCrashResumeIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START_LIMIT = Duration.ofSeconds(180);
    /** Enough photos that the job is still running when the test sees a third of them done. */
    private static final int PHOTOS = 240;

    @TempDir
    static Path work;

    private static String database;
    private static Replica replica;

    @AfterAll
    static void stop() throws Exception {
        if (replica != null) {
            replica.stop();
        }
        if (database != null) {
            Scripts.postgres("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    void aJobKilledMidwayResumesAfterARestartWithNothingEnrolledTwiceAndNothingLost() throws Exception {
        String models = System.getProperty("facerec.models.dir");
        assertThat(models).as("system property facerec.models.dir").isNotNull();
        database =
                "facerec_jobs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Scripts.postgres("create database " + database);
        // Secrets set, not generated: the restarted process must accept the token signed before the kill.
        var settings = Scripts.replicaSettings(models, work.resolve("data"), database);
        // The killed process's lease must lapse before the restarted one can claim the job.
        settings.put("JOBS_LEASE", "5s");
        settings.put("JOBS_POLL_INTERVAL", "500ms");
        replica = new Replica("jobs", settings, work.resolve("jobs.log"));
        replica.start();
        replica.awaitReady(START_LIMIT);
        TestHttp http = new TestHttp(replica.port);

        HttpResponse<String> gallery = http.postJson("/api/v1/galleries", "{\"name\":\"crash\"}");
        assertThat(gallery.statusCode()).as(gallery.body()).isEqualTo(201);
        String galleryId = JSON.readTree(gallery.body()).path("id").asString();
        Map<String, byte[]> photos = photos();
        HttpResponse<String> created = submit(http, galleryId, Zips.of(photos));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String job = JSON.readTree(created.body()).path("id").asString();

        int doneAtKill = awaitProgress(http, job, photos.size() / 3);
        replica.kill();
        assertThat(doneAtKill).as("killed in the middle of the job").isBetween(1, photos.size() - 1);

        replica.start();
        replica.awaitReady(START_LIMIT);
        JsonNode finished = awaitFinal(http, job);
        assertThat(finished.path("state").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
        assertThat(finished.path("total").asInt()).isEqualTo(photos.size());
        assertThat(finished.path("duplicate").asInt())
                .as("a photo enrolled before the kill is recorded as enrolled, not as its own duplicate")
                .isZero();
        assertThat(finished.path("enrolled").asInt() + finished.path("refused").asInt())
                .isEqualTo(photos.size());
        assertThat(finished.path("enrolled").asInt())
                .as("LFW photos: the quality gate may refuse a few, not many")
                .isGreaterThan(photos.size() * 9 / 10);

        List<JsonNode> items = items(http, job);
        assertThat(items).hasSize(photos.size());
        assertThat(items.stream().map(item -> item.path("path").asString()).distinct())
                .as("every photo has exactly one result")
                .containsExactlyInAnyOrderElementsOf(photos.keySet());
        Map<String, Integer> enrolledByFolder = new TreeMap<>();
        for (JsonNode item : items) {
            if (item.path("outcome").asString().equals("ENROLLED")) {
                enrolledByFolder.merge(item.path("path").asString().split("/")[0], 1, Integer::sum);
            } else {
                assertThat(item.path("outcome").asString()).as(item.toString()).isEqualTo("REFUSED");
                assertThat(item.path("code").asString())
                        .as("refused for a reason of the photo's own, not the crash: " + item)
                        .isIn("NO_FACE", "FACE_QUALITY", "MULTIPLE_FACES");
            }
        }
        assertThat(facesByPerson(http, galleryId))
                .as("each person has one face per photo recorded as enrolled: nothing twice, nothing lost")
                .isEqualTo(enrolledByFolder);
        System.out.printf(
                "jobs: %d photos, killed after %d, finished after a restart with %d enrolled and %d refused%n",
                photos.size(),
                doneAtKill,
                finished.path("enrolled").asInt(),
                finished.path("refused").asInt());
    }

    /** The first {@value #PHOTOS} photos of lfw-dev's people in name order, as folder/photo entries. */
    private static Map<String, byte[]> photos() throws Exception {
        Path images = Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images");
        Map<String, byte[]> photos = new TreeMap<>();
        try (var people = Files.list(images)) {
            for (Path person : people.sorted().toList()) {
                try (var files = Files.list(person)) {
                    for (Path file : files.sorted().toList()) {
                        if (photos.size() == PHOTOS) {
                            return photos;
                        }
                        photos.put(person.getFileName() + "/" + file.getFileName(), Files.readAllBytes(file));
                    }
                }
            }
        }
        return photos;
    }

    private static HttpResponse<String> submit(TestHttp http, String gallery, byte[] archive) throws Exception {
        return http.send(http.multipart(
                "/api/v1/jobs/enrollments",
                BodyPublishers::ofByteArray,
                ("--" + TestHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"galleryId\"\r\n\r\n" + gallery
                                + "\r\n")
                        .getBytes(StandardCharsets.UTF_8),
                TestHttp.part("archive", "photos.zip", archive)));
    }

    /** Polls until at least {@code done} photos have a result; returns how many had one at the last look. */
    private static int awaitProgress(TestHttp http, String job, int done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode state =
                    JSON.readTree(http.call("GET", "/api/v1/jobs/" + job).body());
            int processed = state.path("enrolled").asInt()
                    + state.path("refused").asInt()
                    + state.path("duplicate").asInt();
            if (processed >= done) {
                return processed;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not reach " + done + " photos within 3 minutes");
    }

    private static JsonNode awaitFinal(TestHttp http, String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        JsonNode state;
        do {
            Thread.sleep(500);
            state = JSON.readTree(http.call("GET", "/api/v1/jobs/" + job).body());
        } while (List.of("QUEUED", "RUNNING").contains(state.path("state").asString()) && System.nanoTime() < deadline);
        return state;
    }

    private static List<JsonNode> items(TestHttp http, String job) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; items.size() < PHOTOS + 1 && page < 10; page++) {
            JsonNode body = JSON.readTree(http.call("GET", "/api/v1/jobs/" + job + "/items?page=" + page + "&size=100")
                    .body());
            if (body.path("items").isEmpty()) {
                break;
            }
            body.path("items").forEach(items::add);
        }
        return items;
    }

    private static Map<String, Integer> facesByPerson(TestHttp http, String gallery) throws Exception {
        Map<String, Integer> faces = new TreeMap<>();
        for (int page = 0; page < 10; page++) {
            JsonNode persons =
                    JSON.readTree(http.call("GET", "/api/v1/persons?galleryId=" + gallery + "&size=100&page=" + page)
                            .body());
            if (persons.path("items").isEmpty()) {
                break;
            }
            for (JsonNode person : persons.path("items")) {
                JsonNode own = JSON.readTree(
                        http.call("GET", "/api/v1/persons/" + person.path("id").asString() + "/faces?size=100")
                                .body());
                int count = (int) own.path("total").asLong();
                if (count > 0) {
                    faces.merge(person.path("name").asString(), count, Integer::sum);
                }
            }
        }
        return faces;
    }
}
