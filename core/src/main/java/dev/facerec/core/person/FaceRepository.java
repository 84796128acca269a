package dev.facerec.core.person;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Durable storage of enrolled faces and of the change log that keeps every replica's in-memory index in step. Every
 * write appends to the change log in the same transaction, so a replica that replays the log sees exactly the
 * committed faces.
 */
public interface FaceRepository {
    /**
     * Saves the face and logs {@link FaceChange.Kind#ADDED}, in one transaction.
     *
     * @throws dev.facerec.core.FaceException {@code NOT_FOUND} if the person no longer exists
     */
    EnrolledFace add(EnrolledFace face);

    Optional<EnrolledFace> find(UUID faceId);

    /** The person's faces, oldest first. */
    List<EnrolledFace> findByPerson(UUID personId);

    /** Deletes the face and logs {@link FaceChange.Kind#REMOVED}, in one transaction; the face if it existed. */
    Optional<EnrolledFace> delete(UUID faceId);

    /**
     * The ids of at most {@code limit} faces of the gallery enrolled strictly before {@code before}, oldest first:
     * the faces a retention period has run out for.
     */
    List<UUID> enrolledBefore(UUID galleryId, Instant before, int limit);

    /** Whether any face (of any person) still refers to this image key; used before deleting the image. */
    boolean isImageReferenced(String imageKey);

    /**
     * Streams every face of the model, gallery by gallery, to rebuild indexes at start-up, without holding them all in
     * memory at once. Returns the change-log sequence the snapshot is consistent with.
     */
    long forEachFace(String modelId, Consumer<EnrolledFace> consumer);

    /**
     * The sequence of the latest committed change (0 if none): an index that has applied the log up to it reflects
     * every change committed before this call, such as the removals of an erasure.
     */
    long lastChange();

    /** Changes with a sequence number greater than {@code after}, in order, at most {@code limit}. */
    List<FaceChange> changesAfter(long after, int limit);
}
