package dev.facerec.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.app.cache.RedisConnector;
import dev.facerec.api.app.cache.RedisEmbeddingCache;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.index.InMemoryGalleryIndex;
import dev.facerec.index.IndexConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
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
 * Erasure leaves nothing anywhere: the real service with the real models, the embedded database, the local
 * (encrypted) image folder and the embedding cache in the Redis at 127.0.0.1, plus a second replica's index built
 * over the same database. A person is enrolled with two photos, one of them is also sent as a query (so the cache
 * holds it), then the person is erased; every place that held something is looked at directly, not through the API.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"facerec.ml.models-dir=${facerec.models.dir}", "facerec.redis.host=127.0.0.1"})
class ErasureEndToEndIT {
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
    FaceRepository faces;

    @Autowired
    FaceEmbedder embedder;

    @Autowired
    EmbeddingCache cache;

    @Autowired
    RedisConnector redis;

    /**
     * The Redis on this machine is shared with other tests and earlier runs, which may have cached these photos'
     * embeddings (24 h by default): the eviction counts below are about this test's entries only.
     */
    @BeforeEach
    void noEarlierCacheEntriesForThePhotosUsedHere() throws Exception {
        for (String photo : List.of(
                "Colin_Powell/Colin_Powell_0001.jpg",
                "Colin_Powell/Colin_Powell_0002.jpg",
                "Colin_Powell/Colin_Powell_0003.jpg",
                "Tony_Blair/Tony_Blair_0001.jpg",
                "Aaron_Sorkin/Aaron_Sorkin_0001.jpg")) {
            for (byte[] key : redisKeysFor(photo(photo))) {
                redis.run("DEL", commands -> commands.del(key), null);
            }
        }
    }

    @Test
    void erasingAPersonLeavesNoRowImageCacheEntryOrIndexEntryOnAnyReplica() throws Exception {
        String gallery = createGallery("erasure-person");
        byte[] first = photo("Colin_Powell/Colin_Powell_0001.jpg");
        byte[] second = photo("Colin_Powell/Colin_Powell_0002.jpg");
        String keep = enrolled(gallery, "Tony_Blair", photo("Tony_Blair/Tony_Blair_0001.jpg"));
        long imagesBefore = imageFiles();
        String person = enrolled(gallery, "Colin_Powell", first, second);
        assertThat(imageFiles()).isEqualTo(imagesBefore + 2);
        assertThat(rows("select count(*) from faces where person_id = ?", person))
                .isEqualTo(2);

        // The enrolled photo sent as a query: it is found, and its faces and embeddings are now cached in Redis.
        assertThat(bestMatch(gallery, first)).isEqualTo(person);
        assertThat(redisKeysFor(first)).hasSize(1);
        assertThat(cache.get(sha256(first), embedder.model().id())).isPresent();

        // Another replica: its own index over the same database, loaded before the erasure.
        try (Replica replica = new Replica()) {
            assertThat(replica.index.size(
                            UUID.fromString(gallery), embedder.model().id()))
                    .isEqualTo(3);
            eraseAndCheck(gallery, person, keep, first, second, imagesBefore, replica);
        }
    }

    private void eraseAndCheck(
            String gallery, String person, String keep, byte[] first, byte[] second, long imagesBefore, Replica replica)
            throws Exception {

        JsonNode receipt = delete("/api/v1/persons/" + person);

        assertThat(receipt.path("subject").path("type").asString()).isEqualTo("person");
        assertThat(receipt.path("subject").path("id").asString()).isEqualTo(person);
        assertThat(receipt.path("receiptId").asString()).isNotBlank();
        assertThat(receipt.path("erasedAt").asString()).isNotBlank();
        assertThat(receipt.path("persons").asInt()).isEqualTo(1);
        assertThat(receipt.path("faces").asInt()).isEqualTo(2);
        assertThat(receipt.path("images").asInt()).isEqualTo(2);
        assertThat(receipt.path("imagesKept").asInt()).isZero();
        assertThat(receipt.path("imagesLeftForSweep").asInt()).isZero();
        assertThat(receipt.path("cacheEntriesEvicted").asInt()).isEqualTo(1);
        assertThat(receipt.path("cacheEvictionsFailed").asInt()).isZero();
        assertThat(receipt.path("indexEntriesRemoved").asInt()).isEqualTo(2);
        assertThat(receipt.path("complete").asBoolean()).isTrue();
        long sequence = receipt.path("changeLogSequence").asLong();

        // Rows.
        assertThat(http().send(http().get("/api/v1/persons/" + person)).statusCode())
                .isEqualTo(404);
        assertThat(rows("select count(*) from persons where id = ?", person)).isZero();
        assertThat(rows("select count(*) from faces where person_id = ?", person))
                .isZero();
        assertThat(faces.findByPerson(UUID.fromString(person))).isEmpty();
        // Image objects: both are gone from the folder, the other person's stays.
        assertThat(imageFiles()).isEqualTo(imagesBefore);
        // The cache, looked at in Redis under any model.
        assertThat(redisKeysFor(first)).isEmpty();
        assertThat(redisKeysFor(second)).isEmpty();
        // This replica's index: the photo finds nobody erased.
        assertThat(bestMatch(gallery, first)).isNotEqualTo(person);
        // The other replica, once caught up to the receipt's sequence.
        replica.synchronizer.catchUp();
        assertThat(replica.synchronizer.sequence()).isGreaterThanOrEqualTo(sequence);
        assertThat(replica.index.size(UUID.fromString(gallery), embedder.model().id()))
                .isEqualTo(1);
        assertThat(replica.index.search(UUID.fromString(gallery), embedding(first), 5))
                .extracting(candidate -> candidate.personId().toString())
                .containsExactly(keep);
        // The query just sent is cached again (a new query, not the erased data); clean it for other tests.
        cache.evict(sha256(first), embedder.model().id());
    }

    @Test
    void erasingAGalleryLeavesNoRowImageCacheEntryOrIndexEntry() throws Exception {
        String gallery = createGallery("erasure-gallery");
        long imagesBefore = imageFiles();
        byte[] photo = photo("Colin_Powell/Colin_Powell_0003.jpg");
        String person = enrolled(gallery, "Colin_Powell", photo);
        enrolled(gallery, "Aaron_Sorkin", photo("Aaron_Sorkin/Aaron_Sorkin_0001.jpg"));
        assertThat(bestMatch(gallery, photo)).isEqualTo(person);
        assertThat(redisKeysFor(photo)).hasSize(1);
        try (Replica replica = new Replica()) {
            assertThat(replica.index.size(
                            UUID.fromString(gallery), embedder.model().id()))
                    .isEqualTo(2);
            eraseGalleryAndCheck(gallery, photo, imagesBefore, replica);
        }
    }

    private void eraseGalleryAndCheck(String gallery, byte[] photo, long imagesBefore, Replica replica)
            throws Exception {
        JsonNode receipt = delete("/api/v1/galleries/" + gallery);

        assertThat(receipt.path("subject").path("type").asString()).isEqualTo("gallery");
        assertThat(receipt.path("persons").asInt()).isEqualTo(2);
        assertThat(receipt.path("faces").asInt()).isEqualTo(2);
        assertThat(receipt.path("images").asInt()).isEqualTo(2);
        assertThat(receipt.path("cacheEntriesEvicted").asInt()).isEqualTo(1);
        assertThat(receipt.path("indexEntriesRemoved").asInt()).isEqualTo(2);
        assertThat(receipt.path("complete").asBoolean()).isTrue();
        assertThat(http().send(http().get("/api/v1/galleries/" + gallery)).statusCode())
                .isEqualTo(404);
        assertThat(rows("select count(*) from persons where gallery_id = ?", gallery))
                .isZero();
        assertThat(rows("select count(*) from faces where gallery_id = ?", gallery))
                .isZero();
        assertThat(imageFiles()).isEqualTo(imagesBefore);
        assertThat(redisKeysFor(photo)).isEmpty();
        replica.synchronizer.catchUp();
        assertThat(replica.synchronizer.sequence())
                .isGreaterThanOrEqualTo(receipt.path("changeLogSequence").asLong());
        assertThat(replica.index.size(UUID.fromString(gallery), embedder.model().id()))
                .isZero();
    }

    /** A second replica's index, rebuilt from the shared database as a replica does at start-up. */
    private final class Replica implements AutoCloseable {
        final InMemoryGalleryIndex index = new InMemoryGalleryIndex(IndexConfig.defaults());
        final IndexSynchronizer synchronizer =
                new IndexSynchronizer(faces, index, embedder.model().id(), 1000);

        Replica() {
            synchronizer.rebuild();
        }

        @Override
        public void close() {
            index.close();
        }
    }

    private TestHttp http() {
        return new TestHttp(port);
    }

    private static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images/" + relative));
    }

    private String createGallery(String name) throws Exception {
        HttpResponse<String> created = http().postJson("/api/v1/galleries", "{\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asString();
    }

    private String enrolled(String gallery, String name, byte[]... photos) throws Exception {
        HttpResponse<String> created =
                http().postJson("/api/v1/persons", "{\"name\":\"" + name + "\",\"galleryId\":\"" + gallery + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String person = JSON.readTree(created.body()).path("id").asString();
        for (byte[] photo : photos) {
            HttpResponse<String> face = http().send(http().multipart(
                            "/api/v1/persons/" + person + "/faces",
                            BodyPublishers::ofByteArray,
                            TestHttp.part("image", photo)));
            assertThat(face.statusCode()).as(face.body()).isEqualTo(201);
        }
        return person;
    }

    /** The person id of the best candidate, or "" if there is none. */
    private String bestMatch(String gallery, byte[] photo) throws Exception {
        HttpResponse<String> identified = http().send(http().multipart(
                        "/api/v1/identify",
                        BodyPublishers::ofByteArray,
                        TestHttp.part("image", photo),
                        ("--" + TestHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"galleryId\"\r\n\r\n"
                                        + gallery + "\r\n")
                                .getBytes(UTF_8)));
        assertThat(identified.statusCode()).as(identified.body()).isEqualTo(200);
        JsonNode candidates =
                JSON.readTree(identified.body()).path("faces").get(0).path("candidates");
        return candidates.isEmpty() ? "" : candidates.get(0).path("personId").asString();
    }

    private JsonNode delete(String path) throws Exception {
        HttpResponse<String> deleted = http().send(HttpRequest.newBuilder(http().uri(path))
                .timeout(Duration.ofSeconds(30))
                .DELETE()
                .build());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        return JSON.readTree(deleted.body());
    }

    private dev.facerec.core.face.Embedding embedding(byte[] photo) {
        return cache.get(sha256(photo), embedder.model().id())
                .orElseThrow()
                .getFirst()
                .embedding();
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

    private List<byte[]> redisKeysFor(byte[] photo) {
        String pattern = RedisEmbeddingCache.DEFAULT_PREFIX + "emb:*:" + sha256(photo);
        List<byte[]> keys = redis.run("KEYS", commands -> commands.keys(pattern), null);
        assertThat(keys).as("Redis answers").isNotNull();
        return keys;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
