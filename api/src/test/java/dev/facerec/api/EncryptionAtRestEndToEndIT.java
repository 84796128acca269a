package dev.facerec.api;

import static dev.facerec.api.ProductionService.created;
import static dev.facerec.api.ProductionService.enrol;
import static dev.facerec.api.ProductionService.http;
import static dev.facerec.api.ProductionService.photo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.person.FaceRepository;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encryption at rest through the real service: real models, the embedded database and the local image folder. A face
 * is enrolled under key A; the raw column and the raw file hold no plaintext; the service restarted with key B (A as
 * previous) rotates everything in the background; restarted with B alone it still identifies the person and serves
 * the photo, and nothing under A is left.
 */
class EncryptionAtRestEndToEndIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY_A = "Qm7vT2xL9pR4wZ8nB1cY6hJ3kD5fG0sAeUiOa";
    private static final String KEY_B = "Xr3nW8qE1tY6uI9oP2aS5dF7gH4jK0lZcVbNm";
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String key, String previousKeys) {
        Map<String, Object> settings = ProductionService.embeddedDatabase(dataDir);
        settings.put("facerec.encryption.previous-keys", previousKeys);
        return ProductionService.start(dataDir, key, settings);
    }

    @Test
    void aDumpShowsNoBiometricsAndRotationMovesEverythingToTheNewKey() throws Exception {
        String keyA = KeyRing.of(KEY_A).currentKeyId();
        String keyB = KeyRing.of(KEY_B).currentKeyId();
        byte[] enrolled = photo("Colin_Powell/Colin_Powell_0001.jpg");
        String gallery;
        String person;
        String faceId;
        Raw beforeRotation;
        try (ConfigurableApplicationContext a = start(KEY_A, "")) {
            TestHttp http = http(a);
            gallery = created(http, "/api/v1/galleries", "{\"name\":\"vault\"}")
                    .path("id")
                    .asString();
            person = created(http, "/api/v1/persons", "{\"name\":\"Colin\",\"galleryId\":\"" + gallery + "\"}")
                    .path("id")
                    .asString();
            faceId = enrol(http, person, enrolled);
            float[] vector = a.getBean(FaceRepository.class)
                    .find(UUID.fromString(faceId))
                    .orElseThrow()
                    .embedding()
                    .vector();

            beforeRotation = raw(a, faceId);
            assertThat(beforeRotation.embeddingKeyId()).isEqualTo(keyA);
            assertThat(beforeRotation.imageKeyId()).isEqualTo(keyA);
            assertThat(KeyRing.keyIdOf(beforeRotation.embedding())).contains(keyA);
            assertNotContained(beforeRotation.embedding(), littleEndian(vector), 8);
            byte[] file = Files.readAllBytes(imageFile(beforeRotation.imageKey()));
            assertThat(KeyRing.keyIdOf(file)).contains(keyA);
            assertNotContained(file, JPEG_MAGIC, JPEG_MAGIC.length);
            assertNotContained(file, enrolled, 16);
        }

        try (ConfigurableApplicationContext b = start(KEY_B, KEY_A)) {
            TestHttp http = http(b);
            HttpResponse<String> started =
                    http.send(HttpRequest.newBuilder(http.uri("/api/v1/admin/encryption/rotation"))
                            .timeout(Duration.ofSeconds(10))
                            .POST(BodyPublishers.noBody())
                            .build());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            JsonNode progress = JSON.readTree(started.body());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!progress.path("state").asString().equals("done") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                progress = JSON.readTree(
                        http.getText("/api/v1/admin/encryption/rotation").body());
            }
            assertThat(progress.path("state").asString())
                    .as(progress.toString())
                    .isEqualTo("done");
            assertThat(progress.path("keyId").asString()).isEqualTo(keyB);
            assertThat(progress.path("embeddings").path("done").asLong()).isOne();
            assertThat(progress.path("images").path("done").asLong()).isOne();
            assertThat(progress.path("failed").asLong()).isZero();

            Raw after = raw(b, faceId);
            assertThat(after.embeddingKeyId()).isEqualTo(keyB);
            assertThat(KeyRing.keyIdOf(after.embedding())).contains(keyB);
            assertThat(after.imageKeyId()).isEqualTo(keyB);
            assertThat(after.imageKey()).isNotEqualTo(beforeRotation.imageKey());
            assertThat(KeyRing.keyIdOf(Files.readAllBytes(imageFile(after.imageKey()))))
                    .contains(keyB);
            assertThat(imageFile(beforeRotation.imageKey())).doesNotExist();
        }

        try (ConfigurableApplicationContext onlyB = start(KEY_B, "")) {
            TestHttp http = http(onlyB);
            HttpResponse<String> identified = http.postImage(
                    "/api/v1/identify", photo("Colin_Powell/Colin_Powell_0002.jpg"), "galleryId", gallery);
            assertThat(identified.statusCode()).as(identified.body()).isEqualTo(200);
            assertThat(JSON.readTree(identified.body())
                            .path("faces")
                            .get(0)
                            .path("match")
                            .path("personId")
                            .asString())
                    .isEqualTo(person);
            HttpResponse<byte[]> image = http.sendForBytes(
                    HttpRequest.newBuilder(http.uri("/api/v1/persons/" + person + "/faces/" + faceId + "/image"))
                            .timeout(Duration.ofSeconds(10))
                            .build());
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.body()).isEqualTo(enrolled);
        }
    }

    private record Raw(byte[] embedding, String embeddingKeyId, String imageKey, String imageKeyId) {}

    /** The face's row as a database dump would show it. */
    private static Raw raw(ConfigurableApplicationContext context, String faceId) throws Exception {
        try (Connection connection = context.getBean(DataSource.class).getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "select embedding, embedding_key_id, image_key, image_key_id from faces where id = '" + faceId
                                + "'")) {
            assertThat(row.next()).isTrue();
            return new Raw(row.getBytes(1), row.getString(2), row.getString(3), row.getString(4));
        }
    }

    private Path imageFile(String key) {
        return dataDir.resolve("images")
                .resolve(key.substring(0, 2))
                .resolve(key.substring(2, 4))
                .resolve(key);
    }

    private static byte[] littleEndian(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    /** No run of {@code length} bytes of {@code plaintext}, taken at every multiple of length, occurs in {@code raw}. */
    private static void assertNotContained(byte[] raw, byte[] plaintext, int length) {
        for (int offset = 0; offset + length <= plaintext.length; offset += length) {
            byte[] run = Arrays.copyOfRange(plaintext, offset, offset + length);
            for (int i = 0; i + length <= raw.length; i++) {
                assertThat(Arrays.equals(raw, i, i + length, run, 0, length))
                        .as("plaintext bytes %d..%d found at %d", offset, offset + length, i)
                        .isFalse();
            }
        }
    }
}
