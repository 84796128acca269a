package dev.facerec.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** A person was created, updated or erased (with its faces, reported before as {@link FacesErased}). */
public record PersonChanged(UUID galleryId, UUID personId, ChangeKind kind, Instant occurredAt) implements DomainEvent {
    public PersonChanged {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(personId, "personId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(occurredAt, "occurredAt is null");
    }
}
