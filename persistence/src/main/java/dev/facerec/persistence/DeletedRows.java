package dev.facerec.persistence;

import dev.facerec.core.person.DeletedFace;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/**
 * Reads, inside a deleting transaction that holds the change-log lock, what the deletion is about to remove: the
 * lock serialises every face writer, so no face can join or leave the set between this read and the delete.
 */
final class DeletedRows {
    private DeletedRows() {}

    static List<DeletedFace> facesOfPerson(EntityManager entityManager, UUID personId) {
        return faces(entityManager, "f.personId", personId);
    }

    static List<DeletedFace> facesOfGallery(EntityManager entityManager, UUID galleryId) {
        return faces(entityManager, "f.galleryId", galleryId);
    }

    static int personsOfGallery(EntityManager entityManager, UUID galleryId) {
        return entityManager
                .createQuery("select count(p) from PersonEntity p where p.galleryId = :id", Long.class)
                .setParameter("id", galleryId)
                .getSingleResult()
                .intValue();
    }

    // Only the columns the cleanup needs: the embeddings are neither decrypted nor read.
    private static List<DeletedFace> faces(EntityManager entityManager, String column, UUID id) {
        return entityManager
                .createQuery(
                        "select new dev.facerec.core.person.DeletedFace(f.id, f.personId, f.galleryId, f.imageKey, f.imageSha256,"
                                + " f.modelId) from FaceEntity f where " + column + " = :id",
                        DeletedFace.class)
                .setParameter("id", id)
                .getResultList();
    }
}
