package dev.facerec.core.migration;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A face a migration pass could not re-embed, and why (a short reason, never image data). */
public record MigrationFailure(UUID faceId, String reason) {
    public MigrationFailure {
        requireNonNull(faceId, "faceId is null");
        requireNonNull(reason, "reason is null");
    }
}
