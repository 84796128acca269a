package dev.facerec.core.job;

/** Where a job's photos come from; each kind has its {@link JobSource}. */
public enum SourceKind {
    /** An uploaded ZIP archive, kept in the {@link ArchiveStore} until the job ends. */
    ARCHIVE,
    /** A prefix of the deployment's S3 bucket, listed once when the job was created ({@link PrefixSource}). */
    S3_PREFIX
}
