package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.Map;

/**
 * Refusals of a job's source before the job exists, as the caller's error: the request field that named the source
 * ({@code details.field}) and a stable {@code details.reason}.
 *
 * @param field the request field: {@code archive} or {@code s3Prefix}
 * @param name how a message names the source, e.g. "the archive"
 */
record SourceRefusals(String field, String name) {
    static final SourceRefusals ARCHIVE = new SourceRefusals("archive", "the archive");

    SourceRefusals {
        requireNonNull(field, "field is null");
        requireNonNull(name, "name is null");
    }

    static SourceRefusals prefix(ImportPrefix prefix) {
        return new SourceRefusals("s3Prefix", "the prefix '" + prefix.value() + "'");
    }

    /** {@code INVALID_REQUEST}. */
    FaceException invalid(String reason, String message) {
        return new FaceException(FaceErrorCode.INVALID_REQUEST, message, Map.of("field", field, "reason", reason));
    }

    /** {@code IMAGE_TOO_LARGE}: sizes above a limit. */
    FaceException tooLarge(String reason, String message) {
        return new FaceException(FaceErrorCode.IMAGE_TOO_LARGE, message, Map.of("field", field, "reason", reason));
    }
}
