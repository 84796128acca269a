package dev.facerec.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Faces were enrolled for one person and are searchable in this replica's index; other replicas index them when they
 * replay the change log.
 *
 * @param faceIds at least one
 */
public record FacesEnrolled(UUID galleryId, UUID personId, List<UUID> faceIds, Instant occurredAt)
        implements DomainEvent {
    public FacesEnrolled {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(personId, "personId is null");
        faceIds = List.copyOf(faceIds);
        if (faceIds.isEmpty()) {
            throw new IllegalArgumentException("faceIds is empty");
        }
        requireNonNull(occurredAt, "occurredAt is null");
    }
}
