package dev.facerec.core.testing;

import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditEvent.ActorKind;
import java.time.Instant;
import java.util.UUID;

/** Audit events for tests that need some, not particular ones. */
public final class AuditEvents {
    private AuditEvents() {}

    /** The administrator listed the galleries at {@code at}, from loopback. */
    public static AuditEvent galleriesListed(Instant at) {
        return AuditEvent.single(
                UUID.randomUUID(),
                at,
                "admin",
                ActorKind.USER,
                null,
                null,
                "gallery.list",
                null,
                null,
                null,
                200,
                "127.0.0.1",
                null);
    }
}
