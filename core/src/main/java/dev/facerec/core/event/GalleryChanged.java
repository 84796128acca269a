package dev.facerec.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A gallery was created, updated (its retention period) or erased. Erasing a gallery raises this once, after the
 * {@link FacesErased} of its faces, and no {@link PersonChanged} for each of its persons: they went with it.
 */
public record GalleryChanged(UUID galleryId, ChangeKind kind, Instant occurredAt) implements DomainEvent {
    public GalleryChanged {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(occurredAt, "occurredAt is null");
    }
}
