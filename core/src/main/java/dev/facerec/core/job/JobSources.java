package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The {@link JobSource}s this replica has, one per kind: a deployment without S3 storage has no S3 prefix source. */
public final class JobSources {
    private final Map<SourceKind, JobSource> sources = new EnumMap<>(SourceKind.class);

    public JobSources(List<? extends JobSource> sources) {
        for (JobSource source : requireNonNull(sources, "sources is null")) {
            if (this.sources.put(source.kind(), source) != null) {
                throw new IllegalArgumentException("two sources of kind " + source.kind());
            }
        }
    }

    /** @throws FaceException {@code CONFLICT} when this replica cannot read jobs of that kind */
    public JobSource of(SourceKind kind) {
        JobSource source = sources.get(requireNonNull(kind, "kind is null"));
        if (source == null) {
            throw new FaceException(
                    FaceErrorCode.CONFLICT,
                    "This replica cannot read jobs from a source of kind " + kind
                            + " (for an S3 prefix it needs S3 storage, S3_ENDPOINT).");
        }
        return source;
    }

    /** {@link JobSource#release}s what the job's source kept; nothing when this replica has no source of its kind. */
    public void release(EnrollmentJob job) {
        JobSource source = sources.get(job.source());
        if (source != null) {
            source.release(job);
        }
    }
}
