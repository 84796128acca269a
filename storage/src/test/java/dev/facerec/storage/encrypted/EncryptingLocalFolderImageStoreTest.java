package dev.facerec.storage.encrypted;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.store.ImageStore;
import dev.facerec.storage.ImageKeys;
import dev.facerec.storage.ImageStoreContractTest;
import dev.facerec.storage.StorageConfig;
import dev.facerec.storage.local.LocalFolderImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract through the encrypting decorator, and the raw files in the folder: what a copy of it would show. */
class EncryptingLocalFolderImageStoreTest extends ImageStoreContractTest {
    static final KeyRing KEYS = KeyRing.of("image-store-test-secret-0123456789abcdef");

    @TempDir
    Path folder;

    private LocalFolderImageStore plain;

    @Override
    protected ImageStore createStore() {
        plain = new LocalFolderImageStore(new StorageConfig(folder.resolve("images")));
        return new EncryptingImageStore(plain, KEYS);
    }

    @Override
    protected String expectedKey(byte[] bytes) {
        return ((EncryptingImageStore) store()).keyOf(bytes);
    }

    static byte[] jpegLike(int seed) {
        return RawBytes.jpegLike(image(seed, 4_000));
    }

    @Test
    void theRawFileIsAnEnvelopeWithoutTheJpegMagicOrAnyPlaintext() throws IOException {
        byte[] photo = jpegLike(1);

        String key = store().put(photo, "image/jpeg");

        byte[] raw = Files.readAllBytes(pathOf(key));
        RawBytes.assertNoPlaintext(raw, photo);
        assertThat(key).isNotEqualTo(ImageKeys.of(photo)).isEqualTo(ImageKeys.of(raw));
        assertThat(KeyRing.keyIdOf(raw)).contains(KEYS.currentKeyId());
    }

    @Test
    void aTamperedFileIsAnIntegrityError() throws IOException {
        String key = store().put(jpegLike(2), "image/jpeg");
        Path file = pathOf(key);
        byte[] raw = Files.readAllBytes(file);
        raw[raw.length - 20] ^= 1;
        Files.write(file, raw);

        assertIntegrityError(key);
    }

    @Test
    void anObjectSwappedUnderAnotherNameIsRefused() throws IOException {
        String victim = store().put(jpegLike(3), "image/jpeg");
        String other = store().put(jpegLike(4), "image/jpeg");
        Files.copy(pathOf(other), pathOf(victim), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertIntegrityError(victim);
    }

    @Test
    void legacyPlaintextImagesStillRead() {
        byte[] photo = jpegLike(5);
        String legacyKey = plain.put(photo, "image/jpeg");

        assertThat(store().get(legacyKey))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(photo));
    }

    @Test
    void afterReStoringUnderTheNewKeyTheOldKeyCanGo() {
        byte[] photo = jpegLike(6);
        String underA = store().put(photo, "image/jpeg");
        KeyRing rotated = KeyRing.of(
                "the-next-image-secret-abcdef0123456789".getBytes(UTF_8),
                List.of("image-store-test-secret-0123456789abcdef".getBytes(UTF_8)));
        EncryptingImageStore during = new EncryptingImageStore(plain, rotated);

        String underB = during.put(during.get(underA).orElseThrow(), "image/jpeg");

        assertThat(underB).isNotEqualTo(underA);
        EncryptingImageStore after =
                new EncryptingImageStore(plain, KeyRing.of("the-next-image-secret-abcdef0123456789"));
        assertThat(after.get(underB))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(photo));
        assertThatThrownBy(() -> after.get(underA))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.DATA_INTEGRITY));
    }

    private Path pathOf(String key) {
        return folder.resolve("images")
                .resolve(key.substring(0, 2))
                .resolve(key.substring(2, 4))
                .resolve(key);
    }

    private void assertIntegrityError(String key) {
        assertThatThrownBy(() -> store().get(key))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.DATA_INTEGRITY));
    }
}
