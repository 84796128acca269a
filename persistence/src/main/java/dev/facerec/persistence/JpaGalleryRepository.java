package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.person.DeletedFace;
import dev.facerec.core.person.Deletion;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JpaGalleryRepository implements GalleryRepository {
    private final EntityManager entityManager;
    private final GalleryRows rows;
    private final ChangeLog changeLog;
    private final Transactions transactions;

    JpaGalleryRepository(
            EntityManager entityManager, GalleryRows rows, ChangeLog changeLog, Transactions transactions) {
        this.entityManager = requireNonNull(entityManager, "entityManager is null");
        this.rows = requireNonNull(rows, "rows is null");
        this.changeLog = requireNonNull(changeLog, "changeLog is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    @Override
    public Gallery create(Gallery gallery) {
        GalleryEntity entity = EntityMapper.toEntity(requireNonNull(gallery, "gallery is null"));
        try {
            transactions.write(() -> {
                entityManager.persist(entity);
                entityManager.flush();
                return null;
            });
        } catch (RuntimeException e) {
            throw Constraints.translate(
                    e,
                    Map.of(
                            "galleries_name_key",
                            new Constraints.Rejection(
                                    FaceErrorCode.CONFLICT,
                                    "A gallery named '" + gallery.name() + "' already exists; choose another name."),
                            "galleries_pk",
                            new Constraints.Rejection(
                                    FaceErrorCode.CONFLICT, "A gallery with id " + gallery.id() + " already exists.")));
        }
        return EntityMapper.toGallery(entity);
    }

    @Override
    public Optional<Gallery> find(UUID id) {
        requireNonNull(id, "id is null");
        return transactions.read(() -> rows.findById(id).map(EntityMapper::toGallery));
    }

    @Override
    public Optional<Gallery> updateRetention(UUID id, Integer retentionDays) {
        requireNonNull(id, "id is null");
        Gallery.checkRetention(retentionDays);
        return transactions.write(() -> {
            GalleryEntity entity = entityManager.find(GalleryEntity.class, id);
            if (entity == null) {
                return Optional.empty();
            }
            entity.retentionDays(retentionDays);
            entityManager.flush();
            return Optional.of(EntityMapper.toGallery(entity));
        });
    }

    @Override
    public List<Gallery> findAll() {
        return transactions.read(() -> rows.findAllByOrderByNameAscIdAsc().stream()
                .map(EntityMapper::toGallery)
                .toList());
    }

    /**
     * Reads and logs the removal of every face of the gallery, then lets the database cascade to persons and faces,
     * all in one transaction: enrollments wait for it on the change-log lock.
     */
    @Override
    public Optional<Deletion> delete(UUID id) {
        requireNonNull(id, "id is null");
        return transactions.write(() -> {
            changeLog.lock();
            List<DeletedFace> faces = DeletedRows.facesOfGallery(entityManager, id);
            int persons = DeletedRows.personsOfGallery(entityManager, id);
            changeLog.removeFacesOfGallery(id);
            boolean deleted = entityManager
                            .createQuery("delete from GalleryEntity g where g.id = :id")
                            .setParameter("id", id)
                            .executeUpdate()
                    > 0;
            return deleted ? Optional.of(new Deletion(persons, faces)) : Optional.empty();
        });
    }
}
