package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Jobs from an uploaded ZIP archive: checked whole ({@link ArchiveInspector}) and kept in the {@link ArchiveStore}
 * until the job ends. The archive does not change, so inspecting it again gives the same items in the same order.
 */
public final class ArchiveSource implements JobSource {
    private final ArchiveStore store;
    private final ArchiveInspector inspector;

    public ArchiveSource(ArchiveStore store, ArchiveInspector inspector) {
        this.store = requireNonNull(store, "store is null");
        this.inspector = requireNonNull(inspector, "inspector is null");
    }

    /** A kept archive: the key it is kept under, and how many photos it holds. */
    record Kept(String key, int photos) {}

    /**
     * Checks the staged archive whole, then moves it into the store.
     *
     * @throws dev.facerec.core.FaceException the inspector's refusals; {@code INVALID_REQUEST} when the archive holds
     *     no photo
     */
    Kept keep(Path staged) {
        List<ArchiveItem> items = inspector.inspect(requireNonNull(staged, "staged is null"));
        if (items.isEmpty()) {
            throw ArchiveInspector.hostile("empty", "The archive holds no photo (JPEG, PNG, WebP, BMP or GIF).");
        }
        return new Kept(store.keep(staged), items.size());
    }

    @Override
    public SourceKind kind() {
        return SourceKind.ARCHIVE;
    }

    /** @throws dev.facerec.core.FaceException {@code NOT_FOUND} when the archive is gone from the store */
    @Override
    public JobPhotos open(EnrollmentJob job) {
        Path archive = store.open(job.sourceKey());
        ArchiveReader reader;
        try {
            reader = new ArchiveReader(archive, inspector.limits().maxEntryBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ArchiveItem> items;
        try {
            items = inspector.inspect(archive);
        } catch (RuntimeException e) {
            close(reader);
            throw e;
        }
        return new JobPhotos() {
            @Override
            public List<ArchiveItem> items() {
                return items;
            }

            @Override
            public byte[] read(ArchiveItem item) {
                return reader.read(item.path());
            }

            @Override
            public void close() {
                ArchiveSource.close(reader);
            }
        };
    }

    @Override
    public void release(EnrollmentJob job) {
        store.delete(job.sourceKey());
    }

    private static void close(ArchiveReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
