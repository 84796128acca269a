package dev.facerec.api.rest.audit;

import static dev.facerec.api.http.policy.Access.Level.ADMIN;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import dev.facerec.api.http.error.NamesInvalidFields;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.rest.paging.PageView;
import dev.facerec.core.account.Role;
import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditLog;
import dev.facerec.core.audit.AuditQuery;
import dev.facerec.core.person.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for administrators, newest first, filtered by any of actor, owner of the API key that acted, action,
 * target id, gallery and time ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants), in pages shaped like
 * {@code GET /api/v1/persons}. An event may stand for several refusals of callers without credentials: {@code
 * occurrences} says how many, {@code at} and {@code lastAt} when the first and the last happened.
 */
@Access(ADMIN)
@NamesInvalidFields
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {
    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Operation(summary = "Query the audit log, newest first", operationId = "listAuditEvents")
    @Audited("audit.read")
    @GalleryScope(NONE)
    @GetMapping
    PageView<EventView> list(
            @RequestParam(required = false) @Size(max = AuditEvent.MAX_ACTOR_LENGTH) String actor,
            @RequestParam(required = false) @Size(max = AuditEvent.MAX_ACTOR_LENGTH) String keyOwner,
            @RequestParam(required = false) @Size(max = AuditEvent.MAX_ACTION_LENGTH) String action,
            @RequestParam(required = false) @Size(max = AuditEvent.MAX_ID_LENGTH) String targetId,
            @RequestParam(required = false) UUID galleryId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            PageRequest page) {
        return PageView.of(
                auditLog.query(new AuditQuery(
                        blankToNull(actor),
                        blankToNull(keyOwner),
                        blankToNull(action),
                        blankToNull(targetId),
                        galleryId,
                        from,
                        to,
                        page.page(),
                        page.size())),
                EventView::of);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    record EventView(
            UUID id,
            Instant at,
            String actor,
            AuditEvent.ActorKind actorKind,
            Role actorRole,
            String keyOwner,
            String action,
            String targetType,
            String targetId,
            UUID galleryId,
            int status,
            AuditEvent.Outcome outcome,
            String clientAddress,
            String requestId,
            int occurrences,
            Instant lastAt) {
        static EventView of(AuditEvent event) {
            return new EventView(
                    event.id(),
                    event.at(),
                    event.actor(),
                    event.actorKind(),
                    event.actorRole(),
                    event.keyOwner(),
                    event.action(),
                    event.targetType(),
                    event.targetId(),
                    event.galleryId(),
                    event.status(),
                    event.outcome(),
                    event.clientAddress(),
                    event.requestId(),
                    event.occurrences(),
                    event.lastAt());
        }
    }
}
