package dev.facerec.core.gallery;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A named collection of enrolled people that identification searches within.
 *
 * @param retentionDays how many days a face stays enrolled before it is erased automatically, or null to keep faces
 *     until someone deletes them
 */
public record Gallery(UUID id, String name, Instant createdAt, Integer retentionDays) {
    /** The longest retention that can be set: about a hundred years, far beyond any legal need. */
    public static final int MAX_RETENTION_DAYS = 36_500;

    public Gallery {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("gallery name must have 1 to 200 characters");
        }
        checkRetention(retentionDays);
    }

    /** A gallery that keeps its faces until they are deleted. */
    public Gallery(UUID id, String name, Instant createdAt) {
        this(id, name, createdAt, null);
    }

    /** @throws IllegalArgumentException unless null or 1 to {@value #MAX_RETENTION_DAYS} */
    public static void checkRetention(Integer retentionDays) {
        if (retentionDays != null && (retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS)) {
            throw new IllegalArgumentException(
                    "retentionDays must be 1 to " + MAX_RETENTION_DAYS + " (or null to keep faces): " + retentionDays);
        }
    }

    /** How long a face stays enrolled, if the gallery limits it. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retentionDays).map(Duration::ofDays);
    }

    public Gallery withRetentionDays(Integer retentionDays) {
        return new Gallery(id, name, createdAt, retentionDays);
    }
}
