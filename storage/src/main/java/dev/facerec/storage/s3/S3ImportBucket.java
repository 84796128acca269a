package dev.facerec.storage.s3;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.job.BucketObject;
import dev.facerec.core.job.ImportBucket;
import dev.facerec.core.job.ImportPrefix;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deployment's S3 bucket (the one {@link S3ImageStore} keeps face images in) as bulk enrolment jobs read it:
 * listed and read under the import root only, never written. Every prefix and key is checked against the root before
 * a request is made, so neither a caller's mistake nor an odd key reaches the service's own images at the top of the
 * bucket.
 *
 * <p>Every request has the image store's connect and per-packet timeouts, and a limit on the whole call ({@value
 * #CALL_TIMEOUT_SECONDS} s), so a server that sends slowly cannot hold a job. A listing is fetched a page at a time and
 * stops at the caller's limit. A read asks for the listed version ({@code If-Match}) and also compares the entity tag
 * it gets, since not every S3-compatible server honours the condition; it stops one byte past the caller's limit
 * whatever the object's size. Failures of the server or the network are {@code UNAVAILABLE}, with messages that name
 * no credential.
 */
public final class S3ImportBucket implements ImportBucket, AutoCloseable {
    static final long CALL_TIMEOUT_SECONDS = 120;

    private static final System.Logger LOG = System.getLogger(S3ImportBucket.class.getName());
    private static final Set<String> MISSING_OBJECT = Set.of("NoSuchKey", "NoSuchObject");
    private static final String NO_SUCH_BUCKET = "NoSuchBucket";
    private static final int PRECONDITION_FAILED = 412;
    private static final int PAGE = 1000;

    private final S3Settings settings;
    private final ImportPrefix root;
    private final MinioClient client;

    public S3ImportBucket(S3Settings settings, ImportPrefix root) {
        this(
                settings,
                root,
                S3ImageStore.CONNECT_TIMEOUT,
                S3ImageStore.READ_WRITE_TIMEOUT,
                Duration.ofSeconds(CALL_TIMEOUT_SECONDS));
    }

    S3ImportBucket(
            S3Settings settings,
            ImportPrefix root,
            Duration connectTimeout,
            Duration readWriteTimeout,
            Duration callTimeout) {
        this.settings = requireNonNull(settings, "settings is null");
        this.root = requireNonNull(root, "root is null");
        this.client = S3Clients.client(settings, connectTimeout, readWriteTimeout, callTimeout);
    }

    @Override
    public List<BucketObject> list(ImportPrefix prefix, int limit) {
        requireNonNull(prefix, "prefix is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        if (!root.contains(prefix)) {
            throw outsideRoot(prefix.value());
        }
        Iterable<Result<Item>> listing = client.listObjects(ListObjectsArgs.builder()
                .bucket(settings.bucket())
                .prefix(prefix.value())
                .recursive(true)
                .maxKeys(Math.min(PAGE, limit))
                .build());
        List<BucketObject> objects = new ArrayList<>();
        try {
            for (Result<Item> result : listing) {
                if (objects.size() == limit) {
                    break; // the caller asked for no more: the next page is never fetched
                }
                Item item = result.get();
                if (!item.isDir() && item.objectName().startsWith(prefix.value())) {
                    objects.add(new BucketObject(item.objectName(), item.size(), item.etag()));
                }
            }
        } catch (ErrorResponseException e) {
            if (NO_SUCH_BUCKET.equals(e.errorResponse().code())) {
                return List.of();
            }
            throw unavailable("listed", e);
        } catch (MinioException | IllegalStateException e) {
            throw unavailable("listed", e);
        }
        return objects;
    }

    @Override
    public byte[] read(String key, String etag, long maxBytes) {
        requireNonNull(key, "key is null");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be 0 or more: " + maxBytes);
        }
        if (!root.holds(key)) {
            throw outsideRoot(key);
        }
        String expected = BucketObject.normalize(etag);
        GetObjectArgs.Builder request =
                GetObjectArgs.builder().bucket(settings.bucket()).object(key);
        if (expected != null) {
            request.matchETag("\"" + expected + "\"");
        }
        try (GetObjectResponse object = client.getObject(request.build())) {
            String found = BucketObject.normalize(object.headers().get("ETag"));
            if (expected != null && found != null && !expected.equals(found)) {
                throw changed(key);
            }
            byte[] bytes = object.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                throw new FaceException(
                        FaceErrorCode.IMAGE_TOO_LARGE,
                        "The object '" + key + "' is larger than " + maxBytes + " bytes.",
                        Map.of("limit", maxBytes));
            }
            return bytes;
        } catch (ErrorResponseException e) {
            if (MISSING_OBJECT.contains(e.errorResponse().code())) {
                throw new FaceException(FaceErrorCode.NOT_FOUND, "There is no object '" + key + "' in the bucket.");
            }
            if (e.response() != null && e.response().code() == PRECONDITION_FAILED) {
                throw changed(key);
            }
            throw unavailable("read", e);
        } catch (MinioException | IllegalStateException | IOException e) {
            throw unavailable("read", e);
        }
    }

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "S3 import client did not close cleanly: " + e.getClass().getName());
        }
    }

    @Override
    public String toString() {
        return "S3ImportBucket[" + settings.endpoint() + ", bucket " + settings.bucket() + ", under " + root + "]";
    }

    private FaceException outsideRoot(String keyOrPrefix) {
        return new FaceException(
                FaceErrorCode.INVALID_REQUEST,
                "'" + keyOrPrefix + "' is not a plain path under the import root '" + root + "' of the bucket.",
                Map.of("field", "s3Prefix", "reason", "outside_import_root", "importRoot", root.value()));
    }

    private static FaceException changed(String key) {
        return new FaceException(
                FaceErrorCode.CONFLICT, "The object '" + key + "' is no longer the version that was listed.");
    }

    /** The message names no host, bucket or credential; the cause, for the log, carries what went wrong. */
    private static FaceException unavailable(String action, Exception cause) {
        return new FaceException(
                FaceErrorCode.UNAVAILABLE,
                "The S3 bucket could not be " + action + ": it is not available. Try again later.",
                Map.of(),
                cause);
    }
}
