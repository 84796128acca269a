package dev.facerec.core.job;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the entries of a checked archive, inflating at most the per-entry limit whatever the directory declared, so an
 * entry that lies about its size is refused rather than filling memory.
 */
public final class ArchiveReader implements AutoCloseable {
    private final ZipFile zip;
    private final long maxEntryBytes;

    public ArchiveReader(Path archive, long maxEntryBytes) throws IOException {
        this.zip = new ZipFile(archive.toFile());
        this.maxEntryBytes = maxEntryBytes;
    }

    /**
     * @throws FaceException {@code NOT_FOUND} without such an entry, {@code IMAGE_TOO_LARGE} above the limit
     * @throws UncheckedIOException when the entry cannot be inflated
     */
    public byte[] read(String path) {
        ZipEntry entry = zip.getEntry(path);
        if (entry == null) {
            throw new FaceException(FaceErrorCode.NOT_FOUND, "The archive has no entry '" + path + "'.");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxEntryBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxEntryBytes) {
                throw new FaceException(
                        FaceErrorCode.IMAGE_TOO_LARGE,
                        "The archive entry '" + path + "' is larger than " + maxEntryBytes + " bytes.",
                        Map.of("limit", maxEntryBytes));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
