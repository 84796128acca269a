package dev.facerec.api.http.audit;

import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditEvent.ActorKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Counts the refusals of callers without credentials instead of keeping a row for each: one event per window
 * ({@code AUDIT_REFUSAL_WINDOW}), actor (anonymous, or the user name a failed sign-in tried), action, status and
 * client address, carrying how many requests it stands for. A scanner or a password guesser sends thousands of such
 * requests a minute; a row each would fill the disk while telling a reader nothing the count does not.
 *
 * <p>Memory is bounded: past {@code maxGroups} groups held at once, a refusal that would open another group is
 * counted in its window's overflow event for its status instead ({@value #OVERFLOW_ACTION}, no address), so the
 * number of requests is always right, and only the detail of who is lost when too many callers are refused at once.
 *
 * <p>Aggregation rather than sampling: a sample loses the count, and the count (and who tried which account from
 * where) is what a reader of the log needs. Refusals of authenticated callers are not counted here: each of them has a
 * name to answer for, and keeps a row.
 */
final class AnonymousRefusals {
    /** The action of the event that counts the refusals past the memory bound. */
    static final String OVERFLOW_ACTION = "audit.overflow";

    private final long windowMillis;
    private final int maxGroups;
    private final ConcurrentHashMap<Key, Group> groups = new ConcurrentHashMap<>();
    private final Counter aggregated;
    private final Counter overflowed;

    AnonymousRefusals(Duration window, int maxGroups, MeterRegistry registry) {
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be at least 1 ms: " + window);
        }
        if (maxGroups < 1) {
            throw new IllegalArgumentException("maxGroups must be at least 1: " + maxGroups);
        }
        this.windowMillis = window.toMillis();
        this.maxGroups = maxGroups;
        this.aggregated = Counter.builder("facerec.audit.refusals.aggregated")
                .description("Refusals of callers without credentials recorded as a count in a shared audit event")
                .register(registry);
        this.overflowed = Counter.builder("facerec.audit.refusals.overflow")
                .description("Of those, refusals counted in their window's overflow event, past the memory bound")
                .register(registry);
    }

    /** Whether the event is a refusal (any 4xx) of a caller without credentials, to be counted rather than stored. */
    static boolean applies(AuditEvent event) {
        return event.actorKind() == ActorKind.ANONYMOUS && event.status() >= 400 && event.status() < 500;
    }

    /** Counts the event in its group. Never blocks on I/O. */
    void add(AuditEvent event) {
        long window = Math.floorDiv(event.at().toEpochMilli(), windowMillis);
        Key key = new Key(window, event.actor(), event.action(), event.status(), event.clientAddress());
        AuditEvent counted = event;
        if (groups.size() >= maxGroups && !groups.containsKey(key)) {
            // The overflow keys are few (one per status and window), so the bound holds give or take a handful.
            key = new Key(window, AuditFilter.ANONYMOUS, OVERFLOW_ACTION, event.status(), null);
            counted = overflow(event);
            overflowed.increment();
        }
        AuditEvent first = counted;
        groups.compute(key, (k, group) -> group == null ? new Group(first) : group.add(first));
        aggregated.increment();
    }

    /** Removes and answers the events of the windows that ended by {@code now}. */
    List<AuditEvent> takeEnded(Instant now) {
        long current = Math.floorDiv(now.toEpochMilli(), windowMillis);
        return take(key -> key.window() < current);
    }

    /** Removes and answers every event, ended window or not (on shutdown). */
    List<AuditEvent> takeAll() {
        return take(key -> true);
    }

    /** Groups held now, for the memory bound. */
    int size() {
        return groups.size();
    }

    private List<AuditEvent> take(Predicate<Key> due) {
        List<AuditEvent> events = new ArrayList<>();
        for (Key key : groups.keySet()) {
            if (due.test(key)) {
                // A refusal counted after this removal opens a new group of the same window: a second event, never
                // a lost count.
                Group group = groups.remove(key);
                if (group != null) {
                    events.add(group.event());
                }
            }
        }
        return events;
    }

    private static AuditEvent overflow(AuditEvent event) {
        return AuditEvent.single(
                event.id(),
                event.at(),
                AuditFilter.ANONYMOUS,
                ActorKind.ANONYMOUS,
                null,
                null,
                OVERFLOW_ACTION,
                null,
                null,
                null,
                event.status(),
                null,
                null);
    }

    private record Key(long window, String actor, String action, int status, String clientAddress) {}

    /** Changed only inside the map's compute, read only once removed from the map: no lock of its own. */
    private static final class Group {
        private final AuditEvent first;
        private Instant earliest;
        private Instant latest;
        private int count = 1;
        private String targetType;
        private String targetId;
        private UUID galleryId;

        Group(AuditEvent first) {
            this.first = first;
            this.earliest = first.at();
            this.latest = first.at();
            this.targetType = first.targetType();
            this.targetId = first.targetId();
            this.galleryId = first.galleryId();
        }

        /** What the requests did not all share is left empty. */
        Group add(AuditEvent event) {
            count++;
            earliest = event.at().isBefore(earliest) ? event.at() : earliest;
            latest = event.at().isAfter(latest) ? event.at() : latest;
            if (!Objects.equals(targetType, event.targetType()) || !Objects.equals(targetId, event.targetId())) {
                targetType = null;
                targetId = null;
            }
            galleryId = Objects.equals(galleryId, event.galleryId()) ? galleryId : null;
            return this;
        }

        AuditEvent event() {
            return new AuditEvent(
                    first.id(),
                    earliest,
                    first.actor(),
                    first.actorKind(),
                    first.actorRole(),
                    first.keyOwner(),
                    first.action(),
                    targetType,
                    targetId,
                    galleryId,
                    first.status(),
                    first.outcome(),
                    first.clientAddress(),
                    count == 1 ? first.requestId() : null,
                    count,
                    count == 1 ? null : latest);
        }
    }
}
