package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.List;
import java.util.Map;

/**
 * A folder of the deployment's S3 bucket that jobs may read photos from: a key prefix ending in {@code /}, made of
 * plain folder names. The service's own face images are objects at the top of the bucket, named by their SHA-256, so
 * no folder ever holds one; the import root ({@code JOBS_S3_IMPORT_PREFIX}) is a folder, and a job may read only
 * under it.
 *
 * <p>Refused, in a root or a requested prefix and in the keys found under one: an empty or absolute path, empty
 * segments ({@code a//b}), {@code .} and {@code ..} segments (an HTTP client may resolve them and read elsewhere),
 * backslashes, NUL and other control characters, and more than {@value #MAX_LENGTH} characters.
 *
 * @param value the prefix, ending in {@code /}
 */
public record ImportPrefix(String value) {
    /** S3 allows 1024 bytes a key; a prefix leaves room for the names under it. */
    public static final int MAX_LENGTH = 512;

    /** The longest path under a prefix (a job item's path). */
    static final int MAX_PATH_LENGTH = 1000;

    public ImportPrefix {
        requireNonNull(value, "value is null");
        if (!value.endsWith("/") || unsafe(value.substring(0, value.length() - 1), MAX_LENGTH - 1)) {
            throw new IllegalArgumentException("not a folder of plain names ending in '/': '" + value + "'");
        }
    }

    /**
     * The import root as configured: a folder such as {@code imports/} (a missing final {@code /} is added).
     *
     * @throws IllegalArgumentException for an empty root (the top of the bucket, where the service keeps its own
     *     images) or an unsafe one
     */
    public static ImportPrefix root(String configured) {
        requireNonNull(configured, "configured is null");
        String folder = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        if (unsafe(folder, MAX_LENGTH - 1)) {
            throw new IllegalArgumentException("the S3 import prefix must be a folder of the bucket such as 'imports/',"
                    + " not the top of the bucket (where the service keeps its own face images) or a path with"
                    + " empty, '.' or '..' segments: '" + configured + "'");
        }
        return new ImportPrefix(folder + "/");
    }

    /**
     * The prefix a request names, which must be this root or a folder under it. A missing final {@code /} is added,
     * so {@code imports/a} never reaches {@code imports/ab/}.
     *
     * @throws FaceException {@code INVALID_REQUEST} with {@code details.reason} {@code path} for an
     *     unsafe path and {@code outside_import_root} (with {@code details.importRoot}) for one outside this root
     */
    public ImportPrefix resolve(String requested) {
        requireNonNull(requested, "requested is null");
        String folder = requested.endsWith("/") ? requested.substring(0, requested.length() - 1) : requested;
        if (unsafe(folder, MAX_LENGTH - 1)) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "The S3 prefix '" + printable(requested) + "' is not a folder of the bucket: give a relative path"
                            + " of folder names separated by '/' (no empty, '.' or '..' segments, no backslash), at most "
                            + MAX_LENGTH + " characters, such as '" + value + "staff/'.",
                    Map.of("field", "s3Prefix", "reason", "path"));
        }
        ImportPrefix prefix = new ImportPrefix(folder + "/");
        if (!prefix.value.startsWith(value)) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "Jobs read only under the import root '" + value + "' of the bucket (JOBS_S3_IMPORT_PREFIX); '"
                            + prefix.value + "' is outside it. Put the photos under '" + value + "' and name that"
                            + " folder.",
                    Map.of("field", "s3Prefix", "reason", "outside_import_root", "importRoot", value));
        }
        return prefix;
    }

    /** Whether {@code other} is this folder or one under it. */
    public boolean contains(ImportPrefix other) {
        return requireNonNull(other, "other is null").value.startsWith(value);
    }

    /**
     * Whether {@code key} names an object under this folder by a plain path ({@link #isSafeRelativePath}): what an
     * adapter checks before it reads a key.
     */
    public boolean holds(String key) {
        return requireNonNull(key, "key is null").startsWith(value)
                && isSafeRelativePath(key.substring(value.length()));
    }

    /**
     * Whether {@code path}, relative to a prefix, is a plain path that stays under it: what a key found under a prefix
     * must be once the prefix is taken off.
     */
    static boolean isSafeRelativePath(String path) {
        return !unsafe(path, MAX_PATH_LENGTH);
    }

    private static boolean unsafe(String path, int maxLength) {
        if (path.isEmpty() || path.length() > maxLength || path.startsWith("/")) {
            return true;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return true;
            }
        }
        List<String> segments = List.of(path.split("/", -1));
        return segments.contains("") || segments.contains(".") || segments.contains("..");
    }

    /** The requested prefix as a message may show it: control characters replaced, and not too long. */
    private static String printable(String requested) {
        String shown = requested
                .codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return shown.length() > 100 ? shown.substring(0, 100) + "..." : shown;
    }

    @Override
    public String toString() {
        return value;
    }
}
