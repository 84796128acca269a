package dev.facerec.tools.compreface;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.tools.bench.http.ServiceClient;
import dev.facerec.tools.bench.http.ServiceUnderTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import with facerec's own CompreFace-compatible API as the source, end to end: the service jar (built by the
 * reactor before this module's integration tests; {@code facerec.service.jar}) with the real models; subjects and
 * real LFW photos enrolled through the compatible API into gallery A with a key bound to A; the import, killed
 * mid-way as a separate process and run again, into gallery B with an OPERATOR key; then B's persons and faces are
 * counted and each subject's held-out photo identified in B.
 */
class CompreFaceImportIT {
    private static final List<String> PEOPLE = List.of("Hugo_Chavez", "Jacques_Chirac", "Laura_Bush", "Lleyton_Hewitt");
    private static final int EXAMPLES_EACH = 3;
    private static final String EMPTY_SUBJECT = "Nobody Yet";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ServiceUnderTest service;
    private static ServiceClient admin;
    private static String url;

    @TempDir
    Path folder;

    @BeforeAll
    static void startTheService() throws Exception {
        service = ServiceUnderTest.start(
                System.getProperty("facerec.service.jar"),
                System.getProperty("facerec.models.dir"),
                ServiceUnderTest.MAKE_RUN_JAVA_OPTIONS,
                Map.of());
        admin = service.http();
        url = "http://localhost:" + service.port();
    }

    @AfterAll
    static void stopTheService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void copiesACollectionFromTheCompatibleApiIntoAnotherGalleryAcrossAKill() throws Exception {
        String galleryA = create("/api/v1/galleries", "{\"name\":\"compreface-source\"}")
                .path("id")
                .asString();
        String galleryB = create("/api/v1/galleries", "{\"name\":\"imported\"}")
                .path("id")
                .asString();
        String sourceKey = key("{\"name\":\"source\",\"role\":\"OPERATOR\",\"galleryId\":\"" + galleryA + "\"}");
        String importKey = key("{\"name\":\"importer\",\"role\":\"OPERATOR\"}");
        Map<String, Path> heldOut = new LinkedHashMap<>();
        for (String person : PEOPLE) {
            // LFW photos often show someone else behind: those the compatible API refuses (code 31) are passed over.
            List<Path> photos = photos(person);
            int added = 0;
            int next = 0;
            while (added < EXAMPLES_EACH) {
                HttpResponse<String> answer = addExample(sourceKey, subject(person), photos.get(next++));
                assertThat(answer.statusCode()).as(answer.body()).isIn(201, 400);
                added += answer.statusCode() == 201 ? 1 : 0;
            }
            heldOut.put(subject(person), photos.get(next));
        }
        HttpResponse<String> empty = compat(sourceKey, "/api/v1/recognition/subjects")
                .POST(BodyPublishers.ofString("{\"subject\":\"" + EMPTY_SUBJECT + "\"}"))
                .header("Content-Type", "application/json")
                .send();
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(201);
        int total = PEOPLE.size() * EXAMPLES_EACH;
        Path state = folder.resolve("state.tsv");

        long importedBeforeTheKill = killMidway(sourceKey, importKey, galleryB, state);
        assertThat(importedBeforeTheKill).isBetween(1L, total - 1L);

        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = CompreFaceImport.run(
                new ImportOptions(
                        url,
                        sourceKey,
                        url,
                        importKey,
                        galleryB,
                        state,
                        5,
                        Duration.ofSeconds(5),
                        TIMEOUT,
                        3,
                        Duration.ofMillis(200)),
                new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));

        System.out.println("the first run was killed after " + importedBeforeTheKill + " of " + total
                + " images; the second run's summary:\n" + out.toString(UTF_8));
        assertThat(status).as(err.toString(UTF_8) + out.toString(UTF_8)).isZero();
        assertThat(out.toString(UTF_8))
                .contains("subjects:  " + (PEOPLE.size() + 1))
                .contains("images:    " + total)
                .contains("imported:  " + total)
                .contains("failed:    0");
        JsonNode persons = get("/api/v1/persons?galleryId=" + galleryB + "&size=50");
        assertThat(persons.path("total").asInt()).isEqualTo(PEOPLE.size() + 1);
        for (JsonNode person : persons.path("items")) {
            int faces = get("/api/v1/persons/" + person.path("id").asString() + "/faces")
                    .path("total")
                    .asInt();
            assertThat(faces)
                    .as(person.path("name").asString())
                    .isEqualTo(person.path("name").asString().equals(EMPTY_SUBJECT) ? 0 : EXAMPLES_EACH);
        }
        for (var entry : heldOut.entrySet()) {
            HttpResponse<String> identified =
                    admin.postImage("/api/v1/identify", Files.readAllBytes(entry.getValue()), "galleryId", galleryB);
            assertThat(identified.statusCode()).as(identified.body()).isEqualTo(200);
            List<String> matches = new ArrayList<>();
            JSON.readTree(identified.body())
                    .path("faces")
                    .forEach(face -> matches.add(face.path("match").path("name").asString("")));
            assertThat(matches).as(identified.body()).contains(entry.getKey());
        }
        // B answers as a CompreFace collection too: the same subjects, through a key bound to B.
        String keyOfB = key("{\"name\":\"imported\",\"role\":\"VIEWER\",\"galleryId\":\"" + galleryB + "\"}");
        JsonNode subjectsOfB = JSON.readTree(
                compat(keyOfB, "/api/v1/recognition/subjects").GET().send().body());
        List<String> expected = new ArrayList<>(heldOut.keySet());
        expected.add(EMPTY_SUBJECT);
        assertThat(subjectsOfB.path("subjects").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrderElementsOf(expected);
        JsonNode source = JSON.readTree(
                compat(sourceKey, "/api/v1/recognition/faces").GET().send().body());
        assertThat(source.path("total_elements").asInt()).isEqualTo(total);
    }

    /** Runs the import as its own process and kills it once it has imported a first image; answers how many. */
    private long killMidway(String sourceKey, String importKey, String gallery, Path state) throws Exception {
        var command = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CompreFaceImport.class.getName(),
                        "--source",
                        url,
                        "--gallery",
                        gallery,
                        "--facerec",
                        url,
                        "--state",
                        state.toString(),
                        "--page-size",
                        "5")
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("first-run.log").toFile());
        command.environment().put(ImportOptions.SOURCE_KEY, sourceKey);
        command.environment().put(ImportOptions.FACEREC_KEY, importKey);
        Process run = command.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (imported(state) == 0 && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(run.exitValue())
                .as(Files.readString(folder.resolve("first-run.log")))
                .isNotZero();
        return imported(state);
    }

    private static long imported(Path state) throws Exception {
        if (!Files.exists(state)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(state)) {
            return lines.filter(line -> line.startsWith("imported\t")).count();
        }
    }

    private static String subject(String person) {
        return person.replace('_', ' ');
    }

    private static List<Path> photos(String person) throws Exception {
        Path folder = Path.of(System.getProperty("facerec.data.dir"), "lfw-dev", "images", person);
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> photos = new ArrayList<>(files.sorted().toList());
            assertThat(photos).hasSizeGreaterThan(EXAMPLES_EACH);
            return photos;
        }
    }

    private static HttpResponse<String> addExample(String key, String subject, Path photo) throws Exception {
        String boundary = "compreface-it-boundary";
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + photo.getFileName() + "\"\r\nContent-Type: image/jpeg\r\n\r\n")
                .getBytes(UTF_8));
        body.writeBytes(Files.readAllBytes(photo));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(UTF_8));
        return compat(key, "/api/v1/recognition/faces?subject=" + URLEncoder.encode(subject, UTF_8))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body.toByteArray()))
                .send();
    }

    private static Call compat(String key, String path) {
        return new Call(
                HttpRequest.newBuilder(URI.create(url + path)).timeout(TIMEOUT).header("x-api-key", key));
    }

    /** A request to the compatible API, with its key. */
    private record Call(HttpRequest.Builder request) {
        Call header(String name, String value) {
            request.header(name, value);
            return this;
        }

        Call POST(HttpRequest.BodyPublisher body) {
            request.POST(body);
            return this;
        }

        Call GET() {
            request.GET();
            return this;
        }

        HttpResponse<String> send() throws Exception {
            return HTTP.send(request.build(), BodyHandlers.ofString());
        }
    }

    private static JsonNode create(String path, String json) throws Exception {
        HttpResponse<String> created = admin.postJson(path, json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    /** A new API key's value (shown once, in the creation answer). */
    private static String key(String json) throws Exception {
        return create("/api/v1/api-keys", json).path("key").asString();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> answer = admin.getText(path);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
