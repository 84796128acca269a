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
 *
 * <p>Images are content-addressed and shared, so a face may refer to an image that a deleter is about to remove. Every
 * face write, {@link #add} and {@link #deleteImageIfUnreferenced} take one lock shared by every replica of the
 * database, held until their commit: "the image is there, the face row commits" and "no face refers to the image, it
 * is deleted" never interleave. An add whose step makes sure the image is stored therefore never commits a face whose
 * image a deleter removes.
 */
public interface FaceRepository {
    /**
     * Saves the face and logs {@link FaceChange.Kind#ADDED}, in one transaction, which runs {@code beforeCommit} under
     * the face write lock, once the person was found and before the face is written.
     *
     * <p>The step is where the caller makes sure the face's image is stored: a {@link #deleteImageIfUnreferenced}
     * that committed before the lock was taken may have removed it, and none can run between the step and the commit.
     * If the step throws, nothing is saved and its exception is thrown as it is. The step holds every other face write
     * (on every replica) waiting, so it must be short: one existence check of the image, and one store only when it
     * is missing.
     *
     * @throws dev.facerec.core.FaceException {@code NOT_FOUND} if the person no longer exists (the step has not run)
     */
    EnrolledFace add(EnrolledFace face, Runnable beforeCommit);

    Optional<EnrolledFace> find(UUID faceId);

    /** The person's faces, oldest first. */
    List<EnrolledFace> findByPerson(UUID personId);

    /**
     * One page of the person's faces, oldest first, with the number of the person's faces as the total. The default
     * reads them all; adapters whose store can page should.
     */
    default Page<EnrolledFace> findByPerson(UUID personId, PageRequest request) {
        return request.of(findByPerson(personId));
    }

    /**
     * One page of the gallery's faces, of every person, oldest first (then by id), with the number of the gallery's
     * faces as the total.
     */
    Page<EnrolledFace> findByGallery(UUID galleryId, PageRequest request);

    /** Deletes the face and logs {@link FaceChange.Kind#REMOVED}, in one transaction; the face if it existed. */
    Optional<EnrolledFace> delete(UUID faceId);

    /**
     * The ids of at most {@code limit} faces of the gallery enrolled strictly before {@code before}, oldest first:
     * the faces a retention period has run out for.
     */
    List<UUID> enrolledBefore(UUID galleryId, Instant before, int limit);

    /**
     * Whether any face (of any person) refers to this image key right now. A hint only, for finding candidates: an
     * enrolment may commit a face with this key the next moment, so deleting goes through
     * {@link #deleteImageIfUnreferenced}.
     */
    boolean isImageReferenced(String imageKey);

    /**
     * Deletes an image that no face refers to: in one transaction under the face write lock, checks that no face refers
     * to {@code imageKey} and, if none does, calls {@code deleteImage} with it (the image store's delete) before the
     * commit. The check sees every face committed before the lock was taken, and no face commits while the check and
     * the delete run, so a concurrent {@link #add} either commits first (and the image is kept) or runs its step after
     * the delete (and stores the image again).
     *
     * <p>The cost: every face write (on every replica) waits for the delete, one call to the image store. A failure of
     * {@code deleteImage} is thrown as it is; the image then stays, an orphan for the sweeper, never a dangling face.
     *
     * @return whether no face referred to the key, so that {@code deleteImage} was called and returned normally
     */
    boolean deleteImageIfUnreferenced(String imageKey, Consumer<String> deleteImage);

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
