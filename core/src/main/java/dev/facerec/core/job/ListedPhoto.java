package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

/**
 * One photo of an S3 prefix job as it was listed when the job was created. The job keeps these (in
 * {@link JobRepository}), so it works through the same photos after a crash, and refuses one that changed or vanished
 * since.
 *
 * @param path the object's key relative to the job's prefix: the item's key within its job
 * @param personName whom the photo is for (its folder, or the manifest's {@code name})
 * @param externalId the manifest's {@code externalId}; null when none
 * @param size the listed size in bytes
 * @param etag the listed entity tag; null when the store gave none
 */
public record ListedPhoto(String path, String personName, String externalId, long size, String etag) {
    public ListedPhoto {
        requireNonNull(path, "path is null");
        requireNonNull(personName, "personName is null");
        if (externalId != null && externalId.isBlank()) {
            externalId = null;
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be 0 or more: " + size);
        }
        etag = BucketObject.normalize(etag);
    }

    static ListedPhoto of(ArchiveItem item, BucketObject object) {
        return new ListedPhoto(item.path(), item.personName(), item.externalId(), object.size(), object.etag());
    }

    ArchiveItem item() {
        return new ArchiveItem(path, personName, externalId);
    }
}
