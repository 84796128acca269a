package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Archives in a directory (the service's data directory): durable across restarts of this replica. Replicas that
 * take jobs over from each other need the directory on a volume they share.
 */
public final class DirectoryArchiveStore implements ArchiveStore {
    private final Path directory;

    public DirectoryArchiveStore(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String keep(Path staged) {
        String key = UUID.randomUUID() + ".zip";
        try {
            Files.move(staged, directory.resolve(key), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new FaceException(FaceErrorCode.UNAVAILABLE, "The archive could not be kept for the job.");
        }
        return key;
    }

    @Override
    public Path open(String key) {
        Path file = directory.resolve(requireNonNull(key, "key is null")).normalize();
        if (!file.getParent().equals(directory.normalize()) || !Files.isRegularFile(file)) {
            throw new FaceException(FaceErrorCode.NOT_FOUND, "The job's archive is gone.");
        }
        return file;
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(directory.resolve(key).normalize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
