package dev.facerec.core.job;

/**
 * Where the photos of one {@link SourceKind} of job come from, for the {@link JobRunner}. A source gives the same items
 * in the same order every time a job is opened (after a crash, on another replica), so the runner can skip the items
 * that have a recorded outcome and do the others.
 */
public interface JobSource {
    SourceKind kind();

    /**
     * The job's photos, to be read one at a time and closed when the run ends.
     *
     * @throws dev.facerec.core.FaceException {@code UNAVAILABLE} when a dependency is down (the job is tried again
     *     later); any other code when the job's photos can never be read (the job fails)
     * @throws java.io.UncheckedIOException when the job's photos cannot be read (the job fails)
     */
    JobPhotos open(EnrollmentJob job);

    /** Lets go of what the source kept for the job once it ended or was cancelled; repeating it does nothing. */
    void release(EnrollmentJob job);
}
