package dev.facerec.core.audit;

import dev.facerec.core.person.Page;
import java.time.Instant;
import java.util.List;

/**
 * Durable record of who did what. Append-only: events are never changed, and only the retention ({@link
 * #deleteBefore}) deletes them. Thread-safe.
 */
public interface AuditLog {
    /**
     * Stores the events, all or none. Ids are unique; storing an id again is an error.
     *
     * @throws RuntimeException when the store fails; nothing of the batch is then stored
     */
    void record(List<AuditEvent> events);

    /** The events matching the query, newest first (ties by id), with the total number of matches. */
    Page<AuditEvent> query(AuditQuery query);

    /**
     * Deletes at most {@code limit} of the events that happened ({@link AuditEvent#at()}) before {@code cutoff},
     * oldest first, in one transaction. Call it again until it answers less than {@code limit} to delete them all; a
     * batch at a time keeps each transaction small however large the backlog. Several callers at once are safe: an
     * event goes once.
     *
     * @param limit at least 1
     * @return how many events this call deleted
     */
    int deleteBefore(Instant cutoff, int limit);
}
