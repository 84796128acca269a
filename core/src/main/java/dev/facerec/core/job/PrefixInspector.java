package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists an S3 prefix and checks it before a job is queued, with the limits of an archive: the number of objects (the
 * listing stops one past the limit), the listed size of each photo and of the manifest, and the photos' total. Keys
 * under the prefix must be plain relative paths ({@link ImportPrefix#isSafeRelativePath}); objects whose key ends in
 * {@code /} (and the prefix itself) are folder markers and skipped. The layout is an archive's ({@link PhotoLayout}),
 * relative to the prefix. Refusals are {@code INVALID_REQUEST} or {@code IMAGE_TOO_LARGE} with {@code details.field}
 * {@code s3Prefix} and the archive's {@code details.reason}s.
 */
final class PrefixInspector {
    private final ImportBucket bucket;
    private final ArchiveLimits limits;

    PrefixInspector(ImportBucket bucket, ArchiveLimits limits) {
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** The photos under the prefix, as listed now, in key order (or the manifest's). */
    List<ListedPhoto> inspect(ImportPrefix prefix) {
        requireNonNull(prefix, "prefix is null");
        SourceRefusals refusals = SourceRefusals.prefix(prefix);
        List<BucketObject> objects = bucket.list(prefix, limits.maxEntries() + 1);
        if (objects.size() > limits.maxEntries()) {
            throw refusals.invalid(
                    "too_many_entries",
                    "The prefix '" + prefix + "' holds more than " + limits.maxEntries() + " objects; at most "
                            + limits.maxEntries() + " are accepted (JOBS_MAX_ENTRIES). Split it into several jobs.");
        }
        Map<String, BucketObject> files = new HashMap<>();
        List<String> names = new ArrayList<>();
        long total = 0;
        for (BucketObject object : objects) {
            String path = relative(prefix, object, refusals);
            if (path.isEmpty() || path.endsWith("/")) {
                continue;
            }
            boolean photo = PhotoLayout.isPhoto(path);
            if ((photo || path.equals(PhotoLayout.MANIFEST)) && object.size() > limits.maxEntryBytes()) {
                throw refusals.tooLarge(
                        "entry_too_large",
                        "The object '" + object.key() + "' is larger than " + limits.maxEntryBytes()
                                + " bytes (JOBS_MAX_ENTRY_BYTES).");
            }
            if (photo) {
                total += object.size();
            }
            files.put(path, object);
            names.add(path);
        }
        if (total > limits.maxTotalBytes()) {
            throw refusals.tooLarge(
                    "total_too_large",
                    "The photos under '" + prefix + "' hold more than " + limits.maxTotalBytes()
                            + " bytes (JOBS_MAX_TOTAL_BYTES). Split them into several jobs.");
        }
        List<ArchiveItem> items = PhotoLayout.items(names, () -> manifest(files), refusals);
        if (items.isEmpty()) {
            throw refusals.invalid(
                    "empty", "The prefix '" + prefix + "' holds no photo (JPEG, PNG, WebP, BMP or GIF).");
        }
        return items.stream()
                .map(item -> ListedPhoto.of(item, files.get(item.path())))
                .toList();
    }

    private static String relative(ImportPrefix prefix, BucketObject object, SourceRefusals refusals) {
        String key = object.key();
        if (!key.startsWith(prefix.value())) {
            throw new IllegalStateException("the bucket listed '" + key + "' for the prefix '" + prefix + "'");
        }
        String path = key.substring(prefix.value().length());
        if (path.isEmpty()) {
            return path; // the prefix's own folder marker
        }
        String checked = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!ImportPrefix.isSafeRelativePath(checked)) {
            throw refusals.invalid(
                    "path",
                    "The object '" + key + "' has a key that is not a plain path under the prefix (empty, '.' or '..'"
                            + " segments, backslashes, control characters, or longer than "
                            + ImportPrefix.MAX_PATH_LENGTH + " characters). Rename or remove it.");
        }
        return path;
    }

    private String manifest(Map<String, BucketObject> files) {
        BucketObject manifest = files.get(PhotoLayout.MANIFEST);
        return new String(bucket.read(manifest.key(), manifest.etag(), limits.maxEntryBytes()), StandardCharsets.UTF_8);
    }
}
