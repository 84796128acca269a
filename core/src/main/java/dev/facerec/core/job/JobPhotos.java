package dev.facerec.core.job;

import java.util.List;

/** The photos of one opened job ({@link JobSource#open}). */
public interface JobPhotos extends AutoCloseable {
    /** The job's items, the same ones in the same order on every opening. */
    List<ArchiveItem> items();

    /**
     * The bytes of one of {@link #items()}, never more than the per-photo limit whatever the source declared.
     *
     * @throws dev.facerec.core.FaceException {@code UNAVAILABLE} when the source cannot be reached right now (the run
     *     stops and the job is tried again); {@code NOT_FOUND}, {@code CONFLICT} (changed since the job was created),
     *     {@code IMAGE_TOO_LARGE}: this photo is refused and the job goes on
     * @throws java.io.UncheckedIOException when the source is damaged (the job fails)
     */
    byte[] read(ArchiveItem item);

    @Override
    void close();
}
