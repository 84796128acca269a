package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.person.FaceChange;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.UUID;

/**
 * Appends to {@code face_changes}, inside the caller's transaction.
 *
 * <p>Why writers are serialised: sequence numbers are taken when a row is inserted but become visible when its
 * transaction commits, so two concurrent writers can commit out of order (a reader sees 6, moves its cursor past it,
 * and never sees 5). Every writer therefore calls {@link #lock()} first: it locks the single row of {@code
 * face_change_lock} until commit, so the next writer takes its sequence numbers only after this one is committed
 * and visible. A row lock behaves the same on PostgreSQL and H2 (unlike {@code pg_advisory_xact_lock}); readers
 * never take it. The cost is that face writes do not run in parallel, which suits enrolment rates (each write is a
 * few milliseconds) far below what one database connection sustains. Deleting an unreferenced image holds it for one
 * call to the image store, and an enrolment or key rotation's move of faces to a new image key checks the image
 * exists while holding it.
 */
final class ChangeLog {
    // One line, joined rather than a text block: the condition is put in with String.formatted.
    private static final String REMOVE_FACES_WHERE =
            "insert into face_changes (kind, gallery_id, person_id, face_id, created_at)"
                    + " select 'REMOVED', gallery_id, person_id, id, :now from faces where %s order by created_at, id";

    private final EntityManager entityManager;
    private final Clock clock;

    ChangeLog(EntityManager entityManager, Clock clock) {
        this.entityManager = requireNonNull(entityManager, "entityManager is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Must be the first statement of every transaction that writes to the log. Deleting an image that no face refers
     * to takes it too, so that no face referring to the image commits between the check and the delete (see {@link
     * dev.facerec.core.person.FaceRepository#deleteImageIfUnreferenced}), and so does key rotation's move of faces to
     * a new image key (see {@link dev.facerec.core.crypto.EncryptedFaces#replaceImage}).
     */
    void lock() {
        entityManager
                .createNativeQuery("select id from face_change_lock where id = 1 for update")
                .getSingleResult();
    }

    void append(FaceChange.Kind kind, FaceEntity face) {
        entityManager.persist(new FaceChangeEntity(
                kind, face.galleryId(), face.personId(), face.id(), EntityMapper.stored(clock.instant())));
    }

    /** Logs the removal of each face of the person, before the person (and with it its faces) is deleted. */
    int removeFacesOfPerson(UUID personId) {
        return removeFacesWhere("person_id = :id", personId);
    }

    /** Logs the removal of each face of the gallery, before the gallery (and with it its faces) is deleted. */
    int removeFacesOfGallery(UUID galleryId) {
        return removeFacesWhere("gallery_id = :id", galleryId);
    }

    private int removeFacesWhere(String condition, UUID id) {
        return entityManager
                .createNativeQuery(REMOVE_FACES_WHERE.formatted(condition))
                .setParameter("now", EntityMapper.stored(clock.instant()))
                .setParameter("id", id)
                .executeUpdate();
    }
}
