package dev.facerec.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An identification found at least one enrolled person in a photo. Nothing was written: it is raised for listeners
 * that report matches (webhooks), never for the change log. It holds the matched ids only, never the photo, the query
 * embedding or a similarity.
 *
 * @param matches at least one, in the photo's face order
 */
public record FacesIdentified(UUID galleryId, List<Match> matches, Instant occurredAt) implements DomainEvent {
    public FacesIdentified {
        requireNonNull(galleryId, "galleryId is null");
        matches = List.copyOf(matches);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("matches is empty");
        }
        requireNonNull(occurredAt, "occurredAt is null");
    }

    /** One face of the photo matched this enrolled face of this person. */
    public record Match(UUID personId, UUID faceId) {
        public Match {
            requireNonNull(personId, "personId is null");
            requireNonNull(faceId, "faceId is null");
        }
    }
}
