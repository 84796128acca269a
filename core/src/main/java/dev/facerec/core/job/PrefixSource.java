package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs from a prefix of the deployment's S3 bucket, under the import root. Creating one lists the prefix once and
 * checks it ({@link PrefixInspector}); the job keeps that listing (paths, sizes, entity tags) in the
 * {@link JobRepository}, so a run after a crash, on any replica, works through the same photos, and a photo that
 * changed or vanished since is refused with its reason. The bucket's objects are only read, never kept or deleted.
 */
public final class PrefixSource implements JobSource {
    private final ImportBucket bucket;
    private final ImportPrefix root;
    private final ArchiveLimits limits;
    private final JobRepository jobs;
    private final PrefixInspector inspector;

    public PrefixSource(ImportBucket bucket, ImportPrefix root, ArchiveLimits limits, JobRepository jobs) {
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.root = requireNonNull(root, "root is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.inspector = new PrefixInspector(bucket, limits);
    }

    /** What a new job from a prefix will work through. */
    record Listing(ImportPrefix prefix, List<ListedPhoto> photos) {}

    /**
     * Lists the requested prefix and checks it, before any job exists.
     *
     * @throws FaceException {@code INVALID_REQUEST} or {@code IMAGE_TOO_LARGE} with {@code details.field}
     *     {@code s3Prefix} (see {@link ImportPrefix#resolve} and {@link PrefixInspector}); {@code UNAVAILABLE}
     */
    Listing list(String requested) {
        ImportPrefix prefix = root.resolve(requireNonNull(requested, "requested is null"));
        return new Listing(prefix, inspector.inspect(prefix));
    }

    @Override
    public SourceKind kind() {
        return SourceKind.S3_PREFIX;
    }

    /** @throws FaceException {@code INVALID_REQUEST} when the job's prefix is no longer under the import root */
    @Override
    public JobPhotos open(EnrollmentJob job) {
        ImportPrefix prefix = new ImportPrefix(job.sourceKey());
        if (!root.contains(prefix)) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "The job's prefix '" + prefix + "' is no longer under the import root '" + root
                            + "' (JOBS_S3_IMPORT_PREFIX changed).");
        }
        Map<String, ListedPhoto> photos = new HashMap<>();
        List<ArchiveItem> items = new ArrayList<>();
        for (ListedPhoto photo : jobs.listedPhotos(job.id())) {
            photos.put(photo.path(), photo);
            items.add(photo.item());
        }
        return new JobPhotos() {
            @Override
            public List<ArchiveItem> items() {
                return List.copyOf(items);
            }

            @Override
            public byte[] read(ArchiveItem item) {
                ListedPhoto photo = photos.get(item.path());
                if (photo == null) {
                    throw new IllegalArgumentException("not an item of this job: " + item.path());
                }
                return PrefixSource.this.read(prefix.value() + photo.path(), photo);
            }

            @Override
            public void close() {
                // Nothing held between reads: each read is one request.
            }
        };
    }

    /** The bucket's objects are the operator's: nothing to let go of. */
    @Override
    public void release(EnrollmentJob job) {}

    private byte[] read(String key, ListedPhoto photo) {
        byte[] bytes;
        try {
            bytes = bucket.read(key, photo.etag(), limits.maxEntryBytes());
        } catch (FaceException e) {
            throw switch (e.code()) {
                case NOT_FOUND ->
                    new FaceException(
                            FaceErrorCode.NOT_FOUND,
                            "The object '" + key + "' is gone: it was removed after the job listed it.");
                case CONFLICT -> changed(key, "its entity tag");
                default -> e;
            };
        }
        if (bytes.length != photo.size()) {
            throw changed(key, "its size (" + photo.size() + " bytes listed, " + bytes.length + " now)");
        }
        return bytes;
    }

    private static FaceException changed(String key, String what) {
        return new FaceException(
                FaceErrorCode.CONFLICT,
                "The object '" + key + "' changed after the job listed it (" + what + "); the job reads only the"
                        + " version it listed. Start a new job for the new version.");
    }
}
