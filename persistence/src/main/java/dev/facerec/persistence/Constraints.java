package dev.facerec.persistence;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a violated database constraint into the {@link FaceException} a caller can act on. Constraints are
 * recognised by the names the migrations give them, which both databases report (H2 adds suffixes to index names,
 * hence the substring match).
 */
final class Constraints {
    private Constraints() {}

    /**
     * The exception for the first named constraint that {@code failure} violated, or {@code failure} itself when it
     * is no constraint violation or one of another name.
     */
    static RuntimeException translate(RuntimeException failure, Map<String, Rejection> byConstraint) {
        String violation = violation(failure);
        if (violation == null) {
            return failure;
        }
        for (Map.Entry<String, Rejection> entry : byConstraint.entrySet()) {
            if (violation.contains(entry.getKey())) {
                Rejection rejection = entry.getValue();
                return new FaceException(rejection.code(), rejection.message(), Map.of(), failure);
            }
        }
        return failure;
    }

    /** What to tell the caller when a constraint is violated. */
    record Rejection(FaceErrorCode code, String message) {}

    /** The constraint name and messages of an integrity violation (SQLSTATE class 23), lower case; else null. */
    private static String violation(Throwable failure) {
        StringBuilder text = new StringBuilder();
        boolean integrity = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation) {
                integrity = true;
                text.append(violation.getConstraintName()).append(' ');
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                integrity = true;
            }
            text.append(cause.getMessage()).append(' ');
            if (cause.getCause() == cause) {
                break;
            }
        }
        return integrity ? text.toString().toLowerCase(Locale.ROOT) : null;
    }
}
