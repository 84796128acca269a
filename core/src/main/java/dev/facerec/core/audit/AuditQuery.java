package dev.facerec.core.audit;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.person.PageRequest;
import java.time.Instant;
import java.util.UUID;

/**
 * A page of audit events, filtered by any combination of exact actor, exact owner of the API key that acted, exact
 * action, exact target id, gallery and a time range ({@code from} inclusive, {@code to} exclusive); {@code null} filters match everything. Results are newest
 * first.
 *
 * @throws FaceException {@code INVALID_REQUEST} for a negative page, a size outside 1..{@value #MAX_PAGE_SIZE} or a
 *     range that ends before it starts
 */
public record AuditQuery(
        String actor,
        String keyOwner,
        String action,
        String targetId,
        UUID galleryId,
        Instant from,
        Instant to,
        int page,
        int size) {
    public static final int MAX_PAGE_SIZE = PageRequest.MAX_SIZE;

    public AuditQuery {
        if (page < 0) {
            throw invalid("page must be 0 or more.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw invalid("size must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw invalid("'to' must not be before 'from'.");
        }
    }

    /** Everything, newest first. */
    public static AuditQuery all(int page, int size) {
        return new AuditQuery(null, null, null, null, null, null, null, page, size);
    }

    /** Whether {@code event} passes the filters (for implementations that filter in memory). */
    public boolean matches(AuditEvent event) {
        return (actor == null || actor.equals(event.actor()))
                && (keyOwner == null || keyOwner.equals(event.keyOwner()))
                && (action == null || action.equals(event.action()))
                && (targetId == null || targetId.equals(event.targetId()))
                && (galleryId == null || galleryId.equals(event.galleryId()))
                && (from == null || !event.at().isBefore(from))
                && (to == null || event.at().isBefore(to));
    }

    private static FaceException invalid(String message) {
        return new FaceException(FaceErrorCode.INVALID_REQUEST, message);
    }
}
