package dev.facerec.api.app.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.data-dir}: the one folder the service keeps its own files in, read here only and handed to each
 * user: the generated development secrets, the local image folder and the embedded database.
 *
 * @param dataDir {@code FACEREC_DATA_DIR}: relative paths are relative to the working directory
 */
@ConfigurationProperties("facerec")
public record DataProperties(@DefaultValue("./data") Path dataDir) {
    public DataProperties {
        if (dataDir == null || dataDir.toString().isBlank()) {
            throw new IllegalArgumentException("FACEREC_DATA_DIR (facerec.data-dir) must name a folder");
        }
    }

    /** Secrets development generates when none is set (JWT key, encryption key, first administrator's password). */
    public Path secrets() {
        return dataDir.resolve("secrets");
    }

    /** Enrolled images when no S3 endpoint is set. */
    public Path images() {
        return dataDir.resolve("images");
    }

    /** The embedded database when no database host is set, unless {@code facerec.database.embedded-directory} says. */
    public Path embeddedDatabase() {
        return dataDir.resolve("db");
    }
}
