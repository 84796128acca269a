package dev.facerec.core.gallery;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** A named collection of enrolled people that identification searches within. */
public record Gallery(UUID id, String name, Instant createdAt) {
    public Gallery {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("gallery name must have 1 to 200 characters");
        }
    }
}
