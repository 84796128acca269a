package dev.facerec.core.migration;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import java.util.UUID;

/**
 * What re-embedding a stored face needs: its image and where the face is in it (box and landmarks, so no new
 * detection is needed).
 */
public record MigrationSource(UUID faceId, String imageKey, DetectedFace face) {
    public MigrationSource {
        requireNonNull(faceId, "faceId is null");
        requireNonNull(imageKey, "imageKey is null");
        requireNonNull(face, "face is null");
    }
}
