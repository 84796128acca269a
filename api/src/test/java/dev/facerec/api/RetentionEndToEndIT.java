package dev.facerec.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.core.usecase.RetentionSweeper;
import dev.facerec.index.InMemoryGalleryIndex;
import dev.facerec.index.IndexConfig;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The retention sweep over the real service (real models, embedded database, encrypted image folder, Redis cache):
 * a face backdated past its gallery's retention is erased from the rows, the folder, the cache and the indexes of
 * two replicas sweeping at once, while the person and their newer face stay.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "facerec.ml.models-dir=${facerec.models.dir}",
            "facerec.redis.host=127.0.0.1",
            // The test sweeps by hand, so that it knows when.
            "facerec.retention.sweep-interval=0"
        })
class RetentionEndToEndIT {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DataSource database;

    @Autowired
    GalleryRepository galleries;

    @Autowired
    FaceRepository faces;

    @Autowired
    ImageStore images;

    @Autowired
    FaceEmbedder embedder;

    @Autowired
    EmbeddingCache cache;

    @Autowired
    RetentionSweeper sweeper;

    @Test
    void aFacePastTheRetentionIsErasedEverywhereOnceWhileThePersonAndNewerFacesStay() throws Exception {
        String gallery = created("/api/v1/galleries", "{\"name\":\"retention\",\"retentionDays\":30}");
        String person = created("/api/v1/persons", "{\"name\":\"Colin\",\"galleryId\":\"" + gallery + "\"}");
        byte[] old = photo("Colin_Powell/Colin_Powell_0001.jpg");
        byte[] recent = photo("Colin_Powell/Colin_Powell_0002.jpg");
        String oldFace = enrolled(person, old);
        String recentFace = enrolled(person, recent);
        identify(gallery, old);
        assertThat(cache.get(sha256(old), embedder.model().id())).isPresent();
        backdate(oldFace, Duration.ofDays(31));
        assertThat(imageFiles()).isEqualTo(2);

        try (var replica = new InMemoryGalleryIndex(IndexConfig.defaults())) {
            var synchronizer =
                    new IndexSynchronizer(faces, replica, embedder.model().id(), 1000);
            synchronizer.rebuild();
            var otherReplica = new RetentionSweeper(
                    galleries,
                    faces,
                    images,
                    replica,
                    cache,
                    embedder.model()::id,
                    500,
                    Clock.systemUTC(),
                    DomainEvents.NONE);

            List<RetentionSweeper.Report> reports = together(sweeper::sweep, otherReplica::sweep);

            assertThat(reports).allSatisfy(report -> assertThat(report.failed()).isZero());
            assertThat(reports.stream()
                            .mapToLong(RetentionSweeper.Report::erased)
                            .sum())
                    .as("erased once between the two replicas")
                    .isEqualTo(1);
            assertThat(rows("select count(*) from faces where id = ?", oldFace)).isZero();
            assertThat(rows("select count(*) from faces where id = ?", recentFace))
                    .isEqualTo(1);
            assertThat(rows("select count(*) from persons where id = ?", person))
                    .isEqualTo(1);
            assertThat(imageFiles()).isEqualTo(1);
            assertThat(cache.get(sha256(old), embedder.model().id())).isEmpty();
            synchronizer.catchUp();
            assertThat(replica.size(UUID.fromString(gallery), embedder.model().id()))
                    .isEqualTo(1);
            assertThat(sweeper.sweep().erased()).as("a second run").isZero();
        }
        HttpResponse<String> view = http().send(http().get("/api/v1/galleries/" + gallery));
        assertThat(JSON.readTree(view.body()).path("retentionDays").asInt()).isEqualTo(30);
    }

    @SafeVarargs
    private static <T> List<T> together(Callable<T>... tasks) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.length)) {
            List<Future<T>> futures = pool.invokeAll(List.of(tasks));
            return futures.stream()
                    .map(future -> {
                        try {
                            return future.get();
                        } catch (Exception e) {
                            throw new AssertionError("a sweep failed", e);
                        }
                    })
                    .toList();
        }
    }

    private void backdate(String faceId, Duration age) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("update faces set created_at = ? where id = ?")) {
            statement.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minus(age));
            statement.setObject(2, UUID.fromString(faceId));
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private TestHttp http() {
        return new TestHttp(port);
    }

    private static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images/" + relative));
    }

    private String created(String path, String json) throws Exception {
        HttpResponse<String> created = http().postJson(path, json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asString();
    }

    private String enrolled(String person, byte[] photo) throws Exception {
        HttpResponse<String> face = http().send(http().multipart(
                        "/api/v1/persons/" + person + "/faces",
                        BodyPublishers::ofByteArray,
                        TestHttp.part("image", photo)));
        assertThat(face.statusCode()).as(face.body()).isEqualTo(201);
        return JSON.readTree(face.body()).path("id").asString();
    }

    private void identify(String gallery, byte[] photo) throws Exception {
        HttpResponse<String> identified = http().send(http().multipart(
                        "/api/v1/identify",
                        BodyPublishers::ofByteArray,
                        TestHttp.part("image", photo),
                        ("--" + TestHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"galleryId\"\r\n\r\n"
                                        + gallery + "\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(identified.statusCode()).as(identified.body()).isEqualTo(200);
    }

    private long rows(String sql, String id) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(id));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static long imageFiles() throws Exception {
        Path images = dataDir.resolve("images");
        if (!Files.exists(images)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(images)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
