package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.DeletedFace;
import dev.facerec.core.person.Deletion;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@link dev.facerec.core.person.PersonRepository} contract, for every database. */
abstract class PersonRepositoryContractTest extends RepositoryContractTest {
    @Test
    void aCreatedPersonIsFoundAsItWasReturned() {
        Gallery gallery = newGallery();
        Person created = persons.create(person(gallery.id(), "Ada Lovelace", "emp-1"));

        assertThat(persons.find(created.id())).contains(created);
        assertThat(created.metadata()).isEqualTo("{\"team\":\"a\"}");
    }

    @Test
    void aPersonInAMissingGalleryIsNotFound() {
        assertThatThrownBy(() -> persons.create(person(UUID.randomUUID(), "Nobody", null)))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.NOT_FOUND));
    }

    @Test
    void externalIdsAreUniqueWithinAGalleryOnly() {
        Gallery gallery = newGallery();
        Gallery other = newGallery();
        persons.create(person(gallery.id(), "First", "emp-7"));
        persons.create(person(gallery.id(), "No id", null));
        persons.create(person(gallery.id(), "No id either", null));
        persons.create(person(other.id(), "Same id elsewhere", "emp-7"));

        assertThatThrownBy(() -> persons.create(person(gallery.id(), "Second", "emp-7")))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.CONFLICT))
                .hasMessageContaining("emp-7");
    }

    @Test
    void updateReplacesNameExternalIdAndMetadata() {
        Gallery gallery = newGallery();
        Person created = persons.create(person(gallery.id(), "Before", "old"));
        Instant later = created.updatedAt().plusSeconds(60);
        Person changed =
                new Person(created.id(), gallery.id(), "After", "new", "{\"a\":1}", created.createdAt(), later);

        Person updated = persons.update(changed);

        assertThat(updated).isEqualTo(changed);
        assertThat(persons.find(created.id())).contains(changed);
    }

    @Test
    void updateOfAMissingPersonIsNotFoundAndADuplicateExternalIdAConflict() {
        Gallery gallery = newGallery();
        persons.create(person(gallery.id(), "Holder", "taken"));
        Person other = persons.create(person(gallery.id(), "Other", "free"));
        Person missing = person(gallery.id(), "Ghost", null);
        Person duplicate =
                new Person(other.id(), gallery.id(), "Other", "taken", "{}", other.createdAt(), other.updatedAt());

        assertThatThrownBy(() -> persons.update(missing))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> persons.update(duplicate))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.CONFLICT));
        assertThat(persons.find(other.id()).orElseThrow().externalId()).isEqualTo("free");
    }

    @Test
    void queriesFilterByGalleryNameAndExternalIdAndPageByName() {
        Gallery gallery = newGallery();
        Person carol = persons.create(person(gallery.id(), "carol smith", "c"));
        Person alice = persons.create(person(gallery.id(), "alice smith", "a"));
        Person bob = persons.create(person(gallery.id(), "bob jones", "b"));
        Person percent = persons.create(person(gallery.id(), "dan 100% smith", "d"));
        persons.create(person(newGallery().id(), "alice smith", "a"));

        assertThat(persons.find(new PersonQuery(gallery.id(), null, null, 0, 10))
                        .items())
                .containsExactly(alice, bob, carol, percent);
        assertThat(persons.find(new PersonQuery(gallery.id(), "SMITH", null, 0, 10))
                        .items())
                .containsExactly(alice, carol, percent);
        assertThat(persons.find(new PersonQuery(gallery.id(), "0%", null, 0, 10))
                        .items())
                .containsExactly(percent);
        assertThat(persons.find(new PersonQuery(gallery.id(), "_", null, 0, 10)).items())
                .isEmpty();
        assertThat(persons.find(new PersonQuery(gallery.id(), null, "b", 0, 10)).items())
                .containsExactly(bob);

        Page<Person> second = persons.find(new PersonQuery(gallery.id(), null, null, 1, 3));
        assertThat(second.items()).containsExactly(percent);
        assertThat(second.total()).isEqualTo(4);
        assertThat(persons.find(new PersonQuery(gallery.id(), null, null, 5, 3)).items())
                .isEmpty();
    }

    @Test
    void deleteRemovesThePersonAndItsFaces() {
        Gallery gallery = newGallery();
        Person person = newPerson(gallery.id());
        Person kept = newPerson(gallery.id());
        var gone = addFace(person, "model-a");
        var keptFace = addFace(kept, "model-a");

        assertThat(persons.delete(person.id()))
                .as("what went, for the erasure's cleanup")
                .hasValue(new Deletion(1, List.of(DeletedFace.of(gone))));

        assertThat(persons.find(person.id())).isEmpty();
        assertThat(faces.findByPerson(person.id())).isEmpty();
        assertThat(faces.findByPerson(kept.id())).extracting(face -> face.id()).containsExactly(keptFace.id());
        assertThat(persons.delete(person.id())).isEmpty();
    }
}
