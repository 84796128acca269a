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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract through the encrypting decorator over a real S3 server, and the raw objects read past it. */
class EncryptedS3ImageStoreIT extends ImageStoreContractTest {
    private static final KeyRing KEYS = KeyRing.of("s3-image-test-secret-0123456789abcdef0123");

    @RegisterExtension
    static final S3ServerExtension s3 = new S3ServerExtension();

    private String bucket;

    @Override
    protected ImageStore createStore() {
        bucket = "encrypted-" + UUID.randomUUID().toString().substring(0, 8);
        return new EncryptingImageStore(
                s3.closedAfterTheTest(new S3ImageStore(s3.server().settings(bucket))), KEYS);
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
        try (GetObjectResponse response = s3.admin()
                .getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            raw = response.readAllBytes();
        }
        RawBytes.assertNoPlaintext(raw, photo);
        assertThat(key).isNotEqualTo(ImageKeys.of(photo)).isEqualTo(ImageKeys.of(raw));
        assertThat(store().get(key))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(photo));
    }
}
