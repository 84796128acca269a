package dev.facerec.core.person;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * What is left to clean up after a face row is deleted: its index entry, its stored image and the cached query results
 * for the same photo; and whose it was, for the event that reports it.
 *
 * @param imageSha256 SHA-256 of the uploaded bytes, the key of the photo in the embedding cache
 * @param modelId the recognition model that made the face's embedding
 */
public record DeletedFace(UUID id, UUID personId, UUID galleryId, String imageKey, String imageSha256, String modelId) {
    public DeletedFace {
        requireNonNull(id, "id is null");
        requireNonNull(personId, "personId is null");
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(imageKey, "imageKey is null");
        requireNonNull(imageSha256, "imageSha256 is null");
        requireNonNull(modelId, "modelId is null");
    }

    public static DeletedFace of(EnrolledFace face) {
        return new DeletedFace(
                face.id(), face.personId(), face.galleryId(), face.imageKey(), face.imageSha256(), face.modelId());
    }
}
