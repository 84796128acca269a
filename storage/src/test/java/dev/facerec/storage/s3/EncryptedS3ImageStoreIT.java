package dev.facerec.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.store.ImageStore;
import dev.facerec.storage.ImageKeys;
import dev.facerec.storage.ImageStoreContractTest;
import dev.facerec.storage.encrypted.EncryptingImageStore;
import dev.facerec.storage.encrypted.RawBytes;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract through the encrypting decorator over a real S3 server, and the raw objects read past it. */
class EncryptedS3ImageStoreIT extends ImageStoreContractTest {
    private static final KeyRing KEYS = KeyRing.of("s3-image-test-secret-0123456789abcdef0123");

    private static S3Server server;
    private static MinioClient admin;

    private final List<S3ImageStore> opened = new ArrayList<>();
    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.start();
        admin = MinioClient.builder()
                .endpoint(server.endpoint())
                .credentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)
                .build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        admin.close();
        server.close();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3ImageStore::close);
    }

    @Override
    protected ImageStore createStore() {
        bucket = "encrypted-" + UUID.randomUUID().toString().substring(0, 8);
        S3ImageStore inner = new S3ImageStore(server.settings(bucket));
        opened.add(inner);
        return new EncryptingImageStore(inner, KEYS);
    }

    @Override
    protected String expectedKey(byte[] bytes) {
        return ((EncryptingImageStore) store()).keyOf(bytes);
    }

    @Test
    void theRawObjectIsAnEnvelopeWithoutTheJpegMagicOrAnyPlaintext() throws Exception {
        byte[] photo = RawBytes.jpegLike(image(40, 8_000));

        String key = store().put(photo, "image/jpeg");

        byte[] raw;
        try (GetObjectResponse response = admin.getObject(
                GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            raw = response.readAllBytes();
        }
        RawBytes.assertNoPlaintext(raw, photo);
        assertThat(key).isNotEqualTo(ImageKeys.of(photo)).isEqualTo(ImageKeys.of(raw));
        assertThat(store().get(key))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(photo));
    }
}
