package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.person.DeletedFace;
import dev.facerec.core.person.Deletion;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import dev.facerec.core.person.PersonRepository;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JpaPersonRepository implements PersonRepository {
    private final EntityManager entityManager;
    private final PersonRows rows;
    private final ChangeLog changeLog;
    private final Transactions transactions;

    JpaPersonRepository(EntityManager entityManager, PersonRows rows, ChangeLog changeLog, Transactions transactions) {
        this.entityManager = requireNonNull(entityManager, "entityManager is null");
        this.rows = requireNonNull(rows, "rows is null");
        this.changeLog = requireNonNull(changeLog, "changeLog is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    @Override
    public Person create(Person person) {
        PersonEntity entity = EntityMapper.toEntity(requireNonNull(person, "person is null"));
        try {
            transactions.write(() -> {
                if (entityManager.find(GalleryEntity.class, person.galleryId()) == null) {
                    throw galleryGone(person.galleryId());
                }
                entityManager.persist(entity);
                entityManager.flush();
                return null;
            });
        } catch (RuntimeException e) {
            throw translate(e, person);
        }
        return EntityMapper.toPerson(entity);
    }

    @Override
    public Optional<Person> find(UUID id) {
        requireNonNull(id, "id is null");
        return transactions.read(() -> rows.findById(id).map(EntityMapper::toPerson));
    }

    @Override
    public Page<Person> find(PersonQuery query) {
        requireNonNull(query, "query is null");
        return transactions.read(() -> new PersonSearch(entityManager, query).run());
    }

    @Override
    public Person update(Person person) {
        requireNonNull(person, "person is null");
        try {
            return transactions.write(() -> {
                PersonEntity entity = entityManager.find(PersonEntity.class, person.id());
                if (entity == null) {
                    throw new FaceException(FaceErrorCode.NOT_FOUND, "Person " + person.id() + " does not exist.");
                }
                entity.update(
                        person.name(), person.externalId(), person.metadata(), EntityMapper.stored(person.updatedAt()));
                entityManager.flush();
                return EntityMapper.toPerson(entity);
            });
        } catch (RuntimeException e) {
            throw translate(e, person);
        }
    }

    /** Reads and logs the removal of each of the person's faces, then lets the database cascade to them. */
    @Override
    public Optional<Deletion> delete(UUID id) {
        requireNonNull(id, "id is null");
        return transactions.write(() -> {
            changeLog.lock();
            List<DeletedFace> faces = DeletedRows.facesOfPerson(entityManager, id);
            changeLog.removeFacesOfPerson(id);
            boolean deleted = entityManager
                            .createQuery("delete from PersonEntity p where p.id = :id")
                            .setParameter("id", id)
                            .executeUpdate()
                    > 0;
            return deleted ? Optional.of(new Deletion(1, faces)) : Optional.empty();
        });
    }

    private static RuntimeException translate(RuntimeException failure, Person person) {
        return Constraints.translate(
                failure,
                Map.of(
                        "persons_external_id_key",
                        new Constraints.Rejection(
                                FaceErrorCode.CONFLICT,
                                "External id '" + person.externalId()
                                        + "' is already used by another person in gallery " + person.galleryId() + "."),
                        "persons_gallery_fk",
                        new Constraints.Rejection(
                                FaceErrorCode.NOT_FOUND,
                                galleryGone(person.galleryId()).getMessage()),
                        "persons_pk",
                        new Constraints.Rejection(
                                FaceErrorCode.CONFLICT, "A person with id " + person.id() + " already exists.")));
    }

    private static FaceException galleryGone(UUID galleryId) {
        return new FaceException(FaceErrorCode.NOT_FOUND, "Gallery " + galleryId + " does not exist.");
    }
}
