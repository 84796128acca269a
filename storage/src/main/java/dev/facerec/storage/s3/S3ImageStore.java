package dev.facerec.storage.s3;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.store.ImageStore;
import dev.facerec.storage.ImageKeys;
import dev.facerec.storage.ImageStoreFailures;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * An {@link ImageStore} in a bucket of an S3-compatible object store (MinIO, Ceph, AWS S3, ...), for installations
 * where several service nodes share the images.
 *
 * <p>Each image is an object named by its key at the top of the bucket: S3 needs no fan-out folders, and the same keys
 * as the local folder store let images be copied between the two. An object appears only once its upload completed, so
 * readers never see a partial image. Because keys are content-addressed, {@link #put} asks whether the object exists
 * before uploading it, and two nodes uploading the same bytes at once write the same object.
 *
 * <p>The bucket is created when missing, at start and again before the first call after it was found gone; losing the
 * race to create it to another node is not an error. Every request has a connect timeout and a read and write timeout
 * (per packet, so large images still upload), and the health check has its own overall limit. Failures of the server or
 * the network are {@code UNAVAILABLE}; no message names the credentials. The MinIO client reports a server's answer
 * as a {@link MinioException} and a network failure (refused, reset, timed out) as an {@link IllegalStateException}
 * around the {@link IOException}; both are caught, and nothing else is.
 */
public final class S3ImageStore implements ImageStore, AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_WRITE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(S3ImageStore.class.getName());
    private static final Set<String> MISSING_OBJECT = Set.of("NoSuchKey", "NoSuchObject");
    private static final Set<String> BUCKET_ALREADY_THERE = Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists");
    private static final String NO_SUCH_BUCKET = "NoSuchBucket";
    private static final String UNKNOWN_MEDIA_TYPE = "application/octet-stream";
    private static final Pattern MEDIA_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+");

    private final S3Settings settings;
    private final MinioClient client;
    private final Duration healthTimeout;
    private final ExecutorService healthChecks = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean bucketReady;

    public S3ImageStore(S3Settings settings) {
        this(settings, CONNECT_TIMEOUT, READ_WRITE_TIMEOUT, HEALTH_TIMEOUT);
    }

    S3ImageStore(S3Settings settings, Duration connectTimeout, Duration readWriteTimeout, Duration healthTimeout) {
        this.settings = requireNonNull(settings, "settings is null");
        this.healthTimeout = requireNonNull(healthTimeout, "healthTimeout is null");
        // No limit on a whole call: a large image may take long to upload, packet by packet.
        this.client = S3Clients.client(settings, connectTimeout, readWriteTimeout, Duration.ZERO);
        // The service starts with the store down and reports it through health; the next call tries again.
        bucketProblem()
                .ifPresent(problem -> LOG.log(
                        System.Logger.Level.WARNING,
                        "S3 bucket " + settings.bucket() + " at " + settings.endpoint() + " is not usable at start ("
                                + problem + "); trying again on first use"));
    }

    @Override
    public String put(byte[] bytes, String mediaType) {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(mediaType, "mediaType is null");
        String key = ImageKeys.of(bytes);
        try {
            ensureBucket();
            if (!exists(key)) {
                client.putObject(PutObjectArgs.builder()
                        .bucket(settings.bucket())
                        .object(key)
                        .data(bytes, bytes.length)
                        .contentType(contentType(mediaType))
                        .build());
            }
            return key;
        } catch (MinioException | IllegalStateException e) {
            throw failure("stored", e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        ImageKeys.requireValid(key);
        try {
            ensureBucket();
            try (GetObjectResponse object = client.getObject(GetObjectArgs.builder()
                    .bucket(settings.bucket())
                    .object(key)
                    .build())) {
                return Optional.of(object.readAllBytes());
            }
        } catch (ErrorResponseException e) {
            if (MISSING_OBJECT.contains(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw failure("read", e);
        } catch (MinioException | IllegalStateException | IOException e) {
            throw failure("read", e);
        }
    }

    /** One {@code HEAD} request ({@code statObject}); no bytes travel. */
    @Override
    public boolean contains(String key) {
        ImageKeys.requireValid(key);
        try {
            ensureBucket();
            return exists(key);
        } catch (MinioException | IllegalStateException e) {
            throw failure("checked", e);
        }
    }

    @Override
    public void delete(String key) {
        ImageKeys.requireValid(key);
        try {
            ensureBucket();
            // S3 answers a delete of a missing object with success, so there is nothing to tell apart here.
            client.removeObject(RemoveObjectArgs.builder()
                    .bucket(settings.bucket())
                    .object(key)
                    .build());
        } catch (MinioException | IllegalStateException e) {
            throw failure("deleted", e);
        }
    }

    /**
     * Objects whose names are not keys (uploads by other tools, folders) are skipped. The listing is fetched a page at a
     * time as the walk goes, so a large bucket is never held in memory.
     */
    @Override
    public void forEachKey(Consumer<? super String> action) {
        requireNonNull(action, "action is null");
        Iterable<Result<Item>> listing;
        try {
            ensureBucket();
            listing = client.listObjects(ListObjectsArgs.builder()
                    .bucket(settings.bucket())
                    .recursive(true)
                    .build());
        } catch (MinioException | IllegalStateException e) {
            throw failure("listed", e);
        }
        for (Result<Item> result : listing) {
            String name = objectName(result);
            if (ImageKeys.isValid(name)) {
                action.accept(name); // outside the catch: the action's own failures are not the store's
            }
        }
    }

    /**
     * Whether the bucket exists or could be created again, asked with an overall limit: a server that accepts
     * connections but never answers must not hold a health check for the whole read timeout.
     */
    @Override
    public boolean isAvailable() {
        return bucketProblem().isEmpty();
    }

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        healthChecks.shutdownNow();
        try {
            client.close();
        } catch (Exception e) {
            // Nothing is lost: every upload finished before its put returned.
            LOG.log(System.Logger.Level.WARNING, "S3 client did not close cleanly: " + describe(e));
        }
    }

    @Override
    public String toString() {
        return "S3ImageStore[" + settings.endpoint() + ", bucket " + settings.bucket() + "]";
    }

    /** Why the bucket cannot be used, found within the health timeout; empty when it exists or was just created. */
    private Optional<String> bucketProblem() {
        CompletableFuture<Optional<String>> check = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        createBucketIfMissing();
                        return Optional.empty();
                    } catch (MinioException | RuntimeException e) {
                        return Optional.of(describe(e));
                    }
                },
                healthChecks);
        try {
            return check.get(healthTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.of("no answer within " + healthTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private void ensureBucket() throws MinioException {
        if (!bucketReady) {
            createBucketIfMissing();
        }
    }

    private void createBucketIfMissing() throws MinioException {
        if (!client.bucketExists(
                BucketExistsArgs.builder().bucket(settings.bucket()).build())) {
            try {
                client.makeBucket(
                        MakeBucketArgs.builder().bucket(settings.bucket()).build());
            } catch (ErrorResponseException e) {
                if (!BUCKET_ALREADY_THERE.contains(e.errorResponse().code())) {
                    throw e;
                }
            }
        }
        bucketReady = true;
    }

    private String objectName(Result<Item> result) {
        try {
            return result.get().objectName();
        } catch (MinioException | IllegalStateException e) {
            throw failure("listed", e);
        }
    }

    private boolean exists(String key) throws MinioException {
        try {
            client.statObject(StatObjectArgs.builder()
                    .bucket(settings.bucket())
                    .object(key)
                    .build());
            return true;
        } catch (ErrorResponseException e) {
            if (MISSING_OBJECT.contains(e.errorResponse().code())) {
                return false;
            }
            throw e;
        }
    }

    private RuntimeException failure(String action, Exception cause) {
        if (cause instanceof ErrorResponseException e
                && NO_SUCH_BUCKET.equals(e.errorResponse().code())) {
            bucketReady = false; // removed behind our back: create it again on the next call
        }
        return ImageStoreFailures.unavailable(action, cause);
    }

    /** The media type when well formed; the decoder reads formats from the bytes, so a bad one loses nothing. */
    private static String contentType(String mediaType) {
        return MEDIA_TYPE.matcher(mediaType).matches() ? mediaType : UNKNOWN_MEDIA_TYPE;
    }

    private static String describe(Exception e) {
        return e instanceof ErrorResponseException response
                ? "S3 error " + response.errorResponse().code()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
