package dev.facerec.storage;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where enrolled face images are kept, translated from the service's configuration. The S3 settings join this record
 * with the S3 adapter.
 *
 * @param localDirectory root folder of the local image store, made absolute; created when missing
 */
public record StorageConfig(Path localDirectory) {
    public StorageConfig {
        localDirectory = requireNonNull(localDirectory, "localDirectory is null")
                .toAbsolutePath()
                .normalize();
    }
}
