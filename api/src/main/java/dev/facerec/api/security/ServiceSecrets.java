package dev.facerec.api.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.facerec.core.account.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/**
 * The secrets the service needs to start: from the environment, checked; or, in development only, generated once
 * into {@code <data dir>/secrets/} (owner-readable files) so that {@code make run} works without setting anything.
 */
final class ServiceSecrets {
    static final int MIN_SECRET_BYTES = 32;

    /** Placeholders from our own examples and secrets that tutorials print; a key among them protects nothing. */
    private static final Set<String> WELL_KNOWN = Set.of(
            "change-me-to-a-random-string-of-at-least-32-bytes",
            "changemechangemechangemechangeme",
            "secretsecretsecretsecretsecretsecret",
            "your-256-bit-secret",
            "your-secret-key-here-your-secret-key-here",
            "mysecretkeymysecretkeymysecretkey1",
            "0123456789abcdef0123456789abcdef",
            "00000000000000000000000000000000",
            "supersecretkeythatisatleast32byteslong");

    private final Path folder;
    private final boolean production;

    ServiceSecrets(Path dataDir, boolean production) {
        this.folder = dataDir.resolve("secrets");
        this.production = production;
    }

    /** Why {@code secret} is too weak to protect anything, or null when it is fine. */
    static String weakness(String secret) {
        if (secret.getBytes(UTF_8).length < MIN_SECRET_BYTES) {
            return "is shorter than " + MIN_SECRET_BYTES + " bytes";
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        if (WELL_KNOWN.contains(lower) || lower.contains("changeme") || lower.contains("change-me")) {
            return "is a well-known example value";
        }
        if (secret.chars().distinct().count() < 8) {
            return "repeats too few characters";
        }
        return null;
    }

    /**
     * The configured secret when strong; else, in production, a refusal naming {@code variable}; in development a
     * generated one kept in {@code fileName}.
     */
    String required(String variable, String configured, String fileName) {
        if (!configured.isEmpty()) {
            String weakness = weakness(configured);
            if (weakness != null && production) {
                throw new InsecureConfigurationException(variable + " " + weakness + "; production needs a random"
                        + " secret of at least " + MIN_SECRET_BYTES + " bytes.");
            }
            return configured;
        }
        if (production) {
            throw new InsecureConfigurationException(variable + " is not set; production needs a random secret of at"
                    + " least " + MIN_SECRET_BYTES + " bytes.");
        }
        return readOrCreate(fileName, Secrets.random(48));
    }

    /** The content of {@code fileName}, written with {@code value} first when it does not exist. */
    String readOrCreate(String fileName, String value) {
        Path file = file(fileName);
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(
                        folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, value, UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                return value;
            } catch (FileAlreadyExistsException existing) {
                return Files.readString(file, UTF_8).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the generated secret in " + file, e);
        }
    }

    Path file(String fileName) {
        return folder.resolve(fileName);
    }
}
