package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a staged ZIP archive from its central directory before any work starts, and lists the photos in it. Refuses
 * (with {@code INVALID_REQUEST}, or {@code IMAGE_TOO_LARGE} for sizes, and {@code details.reason}) too many entries,
 * too many uncompressed bytes, a compression ratio above the limit for an entry or the whole archive, paths that
 * could leave a folder ({@code ..}, absolute, backslashes, drive letters), symbolic links, nested archives, encrypted
 * entries and ZIP64 entries (beyond every limit here).
 *
 * <p>An archive is either a folder per person (the photo's folder is the person's name) or has a {@code manifest.csv}
 * at its root with lines {@code name,externalId,file}. Files that are neither photos nor the manifest are skipped.
 */
public final class ArchiveInspector {
    private static final Set<String> ARCHIVES =
            Set.of("zip", "tar", "gz", "tgz", "7z", "rar", "bz2", "xz", "jar", "zst");

    private final ArchiveLimits limits;

    public ArchiveInspector(ArchiveLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    public ArchiveLimits limits() {
        return limits;
    }

    /** The photos of the archive, in the order of its directory (or of its manifest). */
    public List<ArchiveItem> inspect(Path archive) {
        requireNonNull(archive, "archive is null");
        try {
            long length = Files.size(archive);
            if (length > limits.maxArchiveBytes()) {
                throw tooLarge(
                        "archive_too_large", "The archive is larger than " + limits.maxArchiveBytes() + " bytes.");
            }
            List<ZipDirectory.Entry> entries = ZipDirectory.read(archive, limits.maxEntries())
                    .orElseThrow(() -> hostile("not_zip", "The archive is not a ZIP file."));
            long total = check(entries, length);
            if (total > limits.maxTotalBytes()) {
                throw tooLarge(
                        "total_too_large",
                        "The archive holds more than " + limits.maxTotalBytes() + " bytes once uncompressed.");
            }
            return items(archive, entries);
        } catch (ZipDirectory.TooManyEntries e) {
            throw hostile(
                    "too_many_entries",
                    "The archive has " + e.count + " entries; at most " + limits.maxEntries() + " are accepted.");
        } catch (IOException e) {
            throw hostile("damaged", "The archive cannot be read as a ZIP file: " + e.getMessage() + ".");
        }
    }

    private long check(List<ZipDirectory.Entry> entries, long archiveLength) {
        long total = 0;
        Set<String> names = new HashSet<>();
        for (ZipDirectory.Entry entry : entries) {
            String name = entry.name();
            checkPath(name);
            if (!names.add(name)) {
                throw hostile("duplicate_entry", "The archive names '" + name + "' twice.");
            }
            if (entry.isSymbolicLink()) {
                throw hostile("link", "The archive entry '" + name + "' is a symbolic link.");
            }
            if (entry.isEncrypted()) {
                throw hostile("encrypted", "The archive entry '" + name + "' is encrypted.");
            }
            if (entry.zip64()) {
                throw tooLarge("zip64", "The archive entry '" + name + "' is too large (ZIP64).");
            }
            if (!entry.isDirectory() && ARCHIVES.contains(PhotoLayout.extension(name))) {
                throw hostile("nested_archive", "The archive entry '" + name + "' is an archive itself.");
            }
            if (entry.size() > limits.maxEntryBytes()) {
                throw tooLarge(
                        "entry_too_large",
                        "The archive entry '" + name + "' is larger than " + limits.maxEntryBytes() + " bytes.");
            }
            if (entry.size() > (long) limits.maxRatio() * Math.max(entry.compressedSize(), 1)) {
                throw hostile(
                        "ratio",
                        "The archive entry '" + name + "' is compressed more than " + limits.maxRatio() + " to 1.");
            }
            total += entry.size();
        }
        if (total > (long) limits.maxRatio() * Math.max(archiveLength, 1)) {
            throw hostile("ratio", "The archive is compressed more than " + limits.maxRatio() + " to 1.");
        }
        return total;
    }

    private static void checkPath(String name) {
        boolean unsafe = name.isEmpty()
                || name.startsWith("/")
                || name.contains("\\")
                || name.indexOf('\0') >= 0
                || (name.length() > 1 && name.charAt(1) == ':')
                || List.of(name.split("/")).contains("..");
        if (unsafe) {
            throw hostile("path", "The archive entry '" + name + "' has a path that could leave its folder.");
        }
    }

    private List<ArchiveItem> items(Path archive, List<ZipDirectory.Entry> entries) {
        List<String> files = entries.stream()
                .filter(entry -> !entry.isDirectory())
                .map(ZipDirectory.Entry::name)
                .toList();
        return PhotoLayout.items(files, () -> manifestText(archive), SourceRefusals.ARCHIVE);
    }

    private String manifestText(Path archive) {
        try (ArchiveReader reader = new ArchiveReader(archive, limits.maxEntryBytes())) {
            return new String(reader.read(PhotoLayout.MANIFEST), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw hostile("damaged", "The archive cannot be read as a ZIP file: " + e.getMessage() + ".");
        } catch (UncheckedIOException e) {
            throw hostile(
                    "damaged",
                    "The archive cannot be read as a ZIP file: " + e.getCause().getMessage() + ".");
        }
    }

    static FaceException hostile(String reason, String message) {
        return SourceRefusals.ARCHIVE.invalid(reason, message);
    }

    private static FaceException tooLarge(String reason, String message) {
        return SourceRefusals.ARCHIVE.tooLarge(reason, message);
    }
}
