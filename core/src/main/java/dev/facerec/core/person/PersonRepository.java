package dev.facerec.core.person;

import java.util.Optional;
import java.util.UUID;

/** Durable storage of persons. Each call is its own transaction; implementations are thread-safe. */
public interface PersonRepository {
    /**
     * Saves a new person.
     *
     * @throws dev.facerec.core.FaceException {@code NOT_FOUND} if the gallery does not exist, {@code CONFLICT} if the
     *     external id is already used in the gallery
     */
    Person create(Person person);

    Optional<Person> find(UUID id);

    Page<Person> find(PersonQuery query);

    /**
     * Replaces name, external id, metadata and updatedAt of an existing person.
     *
     * @throws dev.facerec.core.FaceException {@code NOT_FOUND} if the person does not exist, {@code CONFLICT} on a
     *     duplicate external id
     */
    Person update(Person person);

    /**
     * Deletes the person and, in the same transaction, its faces (logging their removal); what was deleted, or empty
     * if there was no such person.
     */
    Optional<Deletion> delete(UUID id);
}
