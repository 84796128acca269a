package dev.facerec.core.job;

/** What became of one photo of a job. */
public enum ItemOutcome {
    /** A face was enrolled from it; the item carries the face id. */
    ENROLLED,
    /** The pipeline refused it; the item carries the error code and reason. */
    REFUSED,
    /** The person already had a face from exactly these bytes (same SHA-256); nothing was enrolled. */
    DUPLICATE
}
