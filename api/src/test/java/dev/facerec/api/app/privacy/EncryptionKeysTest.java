package dev.facerec.api.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.api.app.privacy.EncryptionProperties.Encryption;
import dev.facerec.api.app.privacy.EncryptionProperties.Environment;
import dev.facerec.core.crypto.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptionKeysTest {
    private static final String STRONG = "Jx8r2QmZpV0tLw4sNc7yHb1uKd9eGf3aTi6oXq5z";

    @TempDir
    Path dataDir;

    private EncryptionProperties properties(Environment environment, String key, String previous) {
        return new EncryptionProperties(environment, new Encryption(key, previous));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "short-but-random-9f2K",
                "changemechangemechangemechangeme12",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "abababababababababababababababababab",
                "my-super-secret-encryption-key-for-facerec",
                "0123456789abcdef0123456789abcdef01234567",
                "please-replace-this-with-a-real-key-Xy7q"
            })
    void productionRefusesToStartWithAMissingShortOrWellKnownKey(String key) {
        assertThatThrownBy(() ->
                        EncryptionKeys.ring(properties(Environment.PRODUCTION, key, ""), dataDir.resolve("secrets")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ENCRYPTION_KEY")
                .hasMessageNotContaining(key.isBlank() ? "\u0000" : key);
        assertThat(dataDir.resolve("secrets")).doesNotExist();
    }

    @Test
    void productionAcceptsARandomKeyAndItsPreviousKeys() {
        String base64 = Base64.getEncoder().encodeToString(new byte[] {
            12, 55, -3, 99, 1, 7, 44, -120, 33, 8, 91, -77, 5, 16, 70, 2, 19, -9, 63, 101, -45, 27, 88, 4, 36, -66, 13,
            50, 77, -101, 24, 111
        });

        KeyRing ring = EncryptionKeys.ring(
                properties(Environment.PRODUCTION, STRONG, " " + base64 + " ,,"), dataDir.resolve("secrets"));

        assertThat(ring.currentKeyId()).isEqualTo(KeyRing.of(STRONG).currentKeyId());
        assertThat(ring.keyIds())
                .containsExactly(ring.currentKeyId(), KeyRing.of(base64).currentKeyId());
    }

    @Test
    void developmentGeneratesAPrivateKeyFileOnceAndReusesIt() throws Exception {
        KeyRing first = EncryptionKeys.ring(properties(Environment.DEVELOPMENT, "", ""), dataDir.resolve("secrets"));
        KeyRing second = EncryptionKeys.ring(properties(Environment.DEVELOPMENT, "", ""), dataDir.resolve("secrets"));

        Path file = dataDir.resolve("secrets/encryption.key");
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
        assertThat(first.currentKeyId())
                .isEqualTo(KeyRing.of(Files.readString(file).strip()).currentKeyId());
        try (var stream = Files.list(file.getParent())) {
            assertThat(stream).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void developmentUsesTheConfiguredKeyWhenThereIsOne() {
        KeyRing ring = EncryptionKeys.ring(properties(Environment.DEVELOPMENT, "dev", ""), dataDir.resolve("secrets"));

        assertThat(ring.currentKeyId()).isEqualTo(KeyRing.of("dev").currentKeyId());
        assertThat(dataDir.resolve("secrets")).doesNotExist();
    }

    @Test
    void theSecretsNeverShowInToString() {
        EncryptionProperties properties = properties(Environment.PRODUCTION, STRONG, "old-secret-1,old-secret-2");

        assertThat(properties.toString())
                .doesNotContain(STRONG, "old-secret")
                .contains("****", "2 x ****", "PRODUCTION");
    }
}
