package dev.facerec.core.job;

/**
 * What an uploaded archive may hold before any work starts.
 *
 * @param maxArchiveBytes the largest upload accepted
 * @param maxEntries the most entries (files and folders) in the central directory
 * @param maxTotalBytes the most bytes all entries hold once uncompressed
 * @param maxEntryBytes the most bytes one entry holds once uncompressed
 * @param maxRatio the highest uncompressed-to-compressed ratio of one entry, and of the whole archive
 */
public record ArchiveLimits(
        long maxArchiveBytes, int maxEntries, long maxTotalBytes, long maxEntryBytes, int maxRatio) {
    /** 2 GiB upload, 100 000 entries, 4 GiB uncompressed, 20 MiB a photo, ratio 100. */
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(2L << 30, 100_000, 4L << 30, 20L << 20, 100);

    public ArchiveLimits {
        if (maxArchiveBytes < 1 || maxEntries < 1 || maxTotalBytes < 1 || maxEntryBytes < 1 || maxRatio < 1) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }
}
