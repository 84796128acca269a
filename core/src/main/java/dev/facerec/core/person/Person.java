package dev.facerec.core.person;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A person enrolled in a gallery.
 *
 * @param externalId the caller's own identifier (employee number, ...), unique within the gallery when set
 * @param metadata a JSON object as text, opaque to the service (at most 16 KB); {@code "{}"} when none
 */
public record Person(
        UUID id,
        UUID galleryId,
        String name,
        String externalId,
        String metadata,
        Instant createdAt,
        Instant updatedAt) {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_EXTERNAL_ID_LENGTH = 200;
    public static final int MAX_METADATA_LENGTH = 16_384;

    public Person {
        requireNonNull(id, "id is null");
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(name, "name is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("person name must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (externalId != null && (externalId.isBlank() || externalId.length() > MAX_EXTERNAL_ID_LENGTH)) {
            throw new IllegalArgumentException("externalId must have 1 to " + MAX_EXTERNAL_ID_LENGTH + " characters");
        }
        if (metadata.length() > MAX_METADATA_LENGTH) {
            throw new IllegalArgumentException("metadata must be at most " + MAX_METADATA_LENGTH + " characters");
        }
    }
}
