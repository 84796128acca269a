package dev.facerec.storage.local;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import dev.facerec.core.store.ImageStore;
import dev.facerec.storage.ImageKeys;
import dev.facerec.storage.ImageStoreFailures;
import dev.facerec.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An {@link ImageStore} in a folder of the local filesystem, for single-node installations without an object store.
 *
 * <p>Each image is a file named by its key under two levels of fan-out folders ({@code ab/cd/abcd...}), so that no
 * folder holds more than a small share of the images. A file appears under its key only when complete: the bytes go to
 * a temporary file in the same folder, are forced to disk and then renamed atomically, so readers and crashes never
 * see a partial image. Keys are validated before they touch a path, so a key cannot name a file outside the root. The
 * media type is not stored: the image decoder recognises formats from the bytes.
 */
public final class LocalFolderImageStore implements ImageStore {
    private static final String TEMPORARY_PREFIX = ".put-";

    private final Path root;

    public LocalFolderImageStore(StorageConfig config) {
        this.root = requireNonNull(config, "config is null").localDirectory();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image store folder " + root, e);
        }
    }

    @Override
    public String put(byte[] bytes, String mediaType) {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(mediaType, "mediaType is null");
        String key = ImageKeys.of(bytes);
        Path target = pathOf(key);
        if (Files.isRegularFile(target)) {
            return key; // same key, same bytes: nothing to write
        }
        try {
            writeAtomically(target, bytes);
        } catch (IOException e) {
            throw ImageStoreFailures.unavailable("stored", e);
        }
        return key;
    }

    @Override
    public Optional<byte[]> get(String key) {
        Path path = pathOf(ImageKeys.requireValid(key));
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw ImageStoreFailures.unavailable("read", e);
        }
    }

    @Override
    public boolean contains(String key) {
        return Files.isRegularFile(pathOf(ImageKeys.requireValid(key)));
    }

    @Override
    public void delete(String key) {
        Path path = pathOf(ImageKeys.requireValid(key));
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw ImageStoreFailures.unavailable("deleted", e);
        }
    }

    /** Walks the fan-out folders; temporary and probe files are skipped by their names. */
    @Override
    public void forEachKey(Consumer<? super String> action) {
        requireNonNull(action, "action is null");
        try (Stream<Path> paths = Files.walk(root, 3)) {
            paths.filter(path -> ImageKeys.isValid(path.getFileName().toString()))
                    .filter(path -> path.equals(pathOf(path.getFileName().toString())))
                    .filter(Files::isRegularFile)
                    .forEach(path -> action.accept(path.getFileName().toString()));
        } catch (IOException | UncheckedIOException e) {
            throw ImageStoreFailures.unavailable("listed", e);
        }
    }

    /** Writes and removes a probe file in the root folder: the store is available when that works. */
    @Override
    public boolean isAvailable() {
        try {
            Files.delete(Files.createTempFile(root, ".probe-", ".tmp"));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "LocalFolderImageStore[" + root + "]";
    }

    private Path pathOf(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, TEMPORARY_PREFIX, ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Where an atomic rename does not replace, a concurrent put of the same bytes got there first: same
            // content.
            if (!Files.isRegularFile(target)) {
                throw e;
            }
        }
    }
}
