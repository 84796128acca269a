package dev.facerec.api.app.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.facerec.api.app.config.SecretPolicy;
import dev.facerec.core.crypto.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the configured secrets into the {@link KeyRing}. Production needs a strong {@code ENCRYPTION_KEY} and refuses
 * to start otherwise; development without one generates a random key once into the data folder (mode 0600) and reuses
 * it, so data written in one run reads in the next. Secrets are never logged, only key ids and the file's path.
 */
final class EncryptionKeys {
    private static final Logger LOG = LoggerFactory.getLogger(EncryptionKeys.class);
    // One generator for the process: seeding a new one per key costs entropy and gains nothing (SpotBugs
    // DMI_RANDOM_USED_ONLY_ONCE).
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String SECRET_FILE = "encryption.key";

    private EncryptionKeys() {}

    /** The key ring; development without a key reads or creates {@code secrets/encryption.key} under it. */
    static KeyRing ring(EncryptionProperties properties, Path secrets) {
        EncryptionProperties.Encryption encryption = properties.encryption();
        String current = encryption.key();
        if (properties.environment() == EncryptionProperties.Environment.PRODUCTION) {
            String weakness = SecretPolicy.weakness(current);
            if (weakness != null) {
                throw new IllegalStateException("ENCRYPTION_KEY " + weakness + ". In production (FACEREC_ENV="
                        + "production) embeddings and images are encrypted under it; set it to a random secret of at"
                        + " least " + SecretPolicy.MIN_LENGTH
                        + " characters, e.g. the output of openssl rand -base64 32.");
            }
        } else if (current.isEmpty()) {
            current = generatedKey(secrets.resolve(SECRET_FILE));
        }
        List<byte[]> previous = encryption.previousKeyList().stream()
                .map(secret -> secret.getBytes(UTF_8))
                .toList();
        KeyRing ring = KeyRing.of(current.getBytes(UTF_8), previous);
        LOG.info(
                "Encryption at rest: new data is sealed under key {}; readable keys {}",
                ring.currentKeyId(),
                ring.keyIds());
        return ring;
    }

    /** The development key in {@code file}, created with 32 random bytes (base64) when missing. */
    static String generatedKey(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String key = Files.readString(file, UTF_8).strip();
            if (key.isEmpty()) {
                throw new IllegalStateException("The generated encryption key file " + file + " is empty; delete it"
                        + " only if nothing was stored under it, or set ENCRYPTION_KEY");
            }
            LOG.warn(
                    "ENCRYPTION_KEY is not set: using the development key generated in {}. Data sealed under it is"
                            + " lost with that file; set ENCRYPTION_KEY (and FACEREC_ENV=production) for real use.",
                    file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the development encryption key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = Base64.getEncoder().encodeToString(random);
        Path temporary = Files.createTempFile(file.getParent(), ".encryption-", ".tmp");
        try {
            restrict(temporary);
            Files.writeString(temporary, key + "\n", UTF_8);
            // Two replicas starting together on one folder: the first to link the file wins, the other reads it.
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raced) {
            // the other start's key is the key
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            LOG.warn("Cannot restrict {} to its owner on this file system", file.getParent());
        }
    }
}
