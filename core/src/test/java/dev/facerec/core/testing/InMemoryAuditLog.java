package dev.facerec.core.testing;

import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditLog;
import dev.facerec.core.audit.AuditQuery;
import dev.facerec.core.person.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The audit log in memory, for use-case and web-slice tests. */
public final class InMemoryAuditLog implements AuditLog {
    private static final Comparator<AuditEvent> NEWEST_FIRST =
            Comparator.comparing(AuditEvent::at).thenComparing(AuditEvent::id).reversed();

    private final List<AuditEvent> events = new ArrayList<>();
    private final Set<UUID> ids = new HashSet<>();

    @Override
    public synchronized void record(List<AuditEvent> batch) {
        for (AuditEvent event : batch) {
            if (ids.contains(event.id())
                    || batch.stream().filter(e -> e.id().equals(event.id())).count() > 1) {
                throw new IllegalStateException("audit event " + event.id() + " is stored already");
            }
        }
        batch.forEach(event -> ids.add(event.id()));
        events.addAll(batch);
    }

    @Override
    public synchronized Page<AuditEvent> query(AuditQuery query) {
        List<AuditEvent> matching =
                events.stream().filter(query::matches).sorted(NEWEST_FIRST).toList();
        long offset = (long) query.page() * query.size();
        List<AuditEvent> page =
                matching.stream().skip(offset).limit(query.size()).toList();
        return new Page<>(page, query.page(), query.size(), matching.size());
    }

    @Override
    public synchronized int deleteBefore(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        List<AuditEvent> doomed = events.stream()
                .filter(event -> event.at().isBefore(cutoff))
                .sorted(NEWEST_FIRST.reversed())
                .limit(limit)
                .toList();
        events.removeAll(doomed);
        doomed.forEach(event -> ids.remove(event.id()));
        return doomed.size();
    }

    public synchronized List<AuditEvent> all() {
        return List.copyOf(events);
    }
}
