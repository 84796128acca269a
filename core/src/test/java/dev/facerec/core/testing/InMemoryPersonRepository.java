package dev.facerec.core.testing;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.person.Deletion;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import dev.facerec.core.person.PersonRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link PersonRepository} over {@link InMemoryDatabase}. */
public final class InMemoryPersonRepository implements PersonRepository {
    private final InMemoryDatabase db;

    InMemoryPersonRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Person create(Person person) {
        requireNonNull(person, "person is null");
        synchronized (db) {
            if (!db.galleries.containsKey(person.galleryId())) {
                throw new FaceException(FaceErrorCode.NOT_FOUND, "There is no gallery " + person.galleryId() + ".");
            }
            checkExternalId(person);
            db.persons.put(person.id(), person);
            return person;
        }
    }

    @Override
    public Optional<Person> find(UUID id) {
        synchronized (db) {
            return Optional.ofNullable(db.persons.get(id));
        }
    }

    @Override
    public Page<Person> find(PersonQuery query) {
        synchronized (db) {
            List<Person> matches = db.persons.values().stream()
                    .filter(p -> query.galleryId() == null || p.galleryId().equals(query.galleryId()))
                    .filter(p -> query.nameContains() == null
                            || p.name()
                                    .toLowerCase(Locale.ROOT)
                                    .contains(query.nameContains().toLowerCase(Locale.ROOT)))
                    .filter(p ->
                            query.externalId() == null || query.externalId().equals(p.externalId()))
                    .sorted(Comparator.comparing(Person::name).thenComparing(Person::id))
                    .toList();
            List<Person> page = matches.stream()
                    .skip((long) query.page() * query.size())
                    .limit(query.size())
                    .toList();
            return new Page<>(page, query.page(), query.size(), matches.size());
        }
    }

    @Override
    public Person update(Person person) {
        synchronized (db) {
            if (!db.persons.containsKey(person.id())) {
                throw new FaceException(FaceErrorCode.NOT_FOUND, "There is no person " + person.id() + ".");
            }
            checkExternalId(person);
            db.persons.put(person.id(), person);
            return person;
        }
    }

    @Override
    public Optional<Deletion> delete(UUID id) {
        synchronized (db) {
            if (db.persons.remove(id) == null) {
                return Optional.empty();
            }
            return Optional.of(new Deletion(1, db.deleteFacesOf(id)));
        }
    }

    private void checkExternalId(Person person) {
        if (person.externalId() == null) {
            return;
        }
        boolean taken = db.persons.values().stream()
                .anyMatch(other -> !other.id().equals(person.id())
                        && other.galleryId().equals(person.galleryId())
                        && Objects.equals(other.externalId(), person.externalId()));
        if (taken) {
            throw new FaceException(
                    FaceErrorCode.CONFLICT, "The external id " + person.externalId() + " is used in the gallery.");
        }
    }
}
