package dev.facerec.api.http.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.facerec.api.app.config.SecretPolicy;
import dev.facerec.core.account.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The secrets the service needs to start: from the environment, checked; or, in development only, generated once
 * into {@code <data dir>/secrets/} (owner-readable files) so that {@code make run} works without setting anything.
 */
final class ServiceSecrets {
    static final int MIN_SECRET_BYTES = SecretPolicy.MIN_LENGTH;

    private final Path folder;
    private final boolean production;

    ServiceSecrets(Path dataDir, boolean production) {
        this.folder = dataDir.resolve("secrets");
        this.production = production;
    }

    /**
     * The configured secret when strong; else, in production, a refusal naming {@code variable}; in development a
     * generated one kept in {@code fileName}.
     */
    String required(String variable, String configured, String fileName) {
        if (!configured.isEmpty()) {
            String weakness = SecretPolicy.weakness(configured);
            if (weakness != null && production) {
                throw new InsecureConfigurationException(variable + " " + weakness + ".");
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
