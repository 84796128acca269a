package dev.facerec.core.audit;

import dev.facerec.core.person.Page;
import java.util.List;

/**
 * Durable record of who did what. Append-only: events are never changed, and nothing here deletes them. Thread-safe.
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
}
