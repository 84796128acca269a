package dev.facerec.core.usecase;

import static dev.facerec.core.usecase.Failures.failsWith;
import static dev.facerec.core.usecase.UseCases.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import dev.facerec.core.testing.FakePhoto;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ManagePersonsTest {
    private final UseCases app = new UseCases();
    private final Gallery staff = app.gallery("staff");

    @Test
    void createsWithDefaultsAndRefusesAnUnknownGalleryOrATakenExternalId() {
        Person alice = app.persons.create(OPERATOR, new NewPerson(staff.id(), "Alice", "E-1", null));
        assertThat(alice.metadata()).isEqualTo("{}");
        assertThat(alice.createdAt()).isEqualTo(UseCases.NOW);
        assertThat(app.persons.get(OPERATOR, alice.id())).isEqualTo(alice);
        failsWith(
                FaceErrorCode.NOT_FOUND,
                () -> app.persons.create(OPERATOR, new NewPerson(UUID.randomUUID(), "X", null, null)));
        failsWith(
                FaceErrorCode.CONFLICT,
                () -> app.persons.create(OPERATOR, new NewPerson(staff.id(), "Eve", "E-1", null)));
        failsWith(
                FaceErrorCode.INVALID_REQUEST,
                () -> app.persons.create(OPERATOR, new NewPerson(staff.id(), " ", null, null)));
        failsWith(FaceErrorCode.NOT_FOUND, () -> app.persons.get(OPERATOR, UUID.randomUUID()));
    }

    @Test
    void listsPagesFilteredByGalleryNameAndExternalId() {
        Gallery other = app.gallery("other");
        app.persons.create(OPERATOR, new NewPerson(staff.id(), "Alice Smith", "E-1", null));
        app.persons.create(OPERATOR, new NewPerson(staff.id(), "Bob Smith", "E-2", null));
        app.persons.create(OPERATOR, new NewPerson(other.id(), "Carol Smith", null, null));
        var page = app.persons.list(OPERATOR, new PersonQuery(staff.id(), "smith", null, 0, 1));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).extracting(Person::name).containsExactly("Alice Smith");
        assertThat(app.persons
                        .list(OPERATOR, new PersonQuery(null, null, "E-2", 0, 10))
                        .items())
                .extracting(Person::name)
                .containsExactly("Bob Smith");
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndAnEmptyExternalIdRemovesIt() {
        Person alice = app.persons.create(OPERATOR, new NewPerson(staff.id(), "Alice", "E-1", "{\"team\":1}"));
        var later = new ManagePersons(
                app.fakes.galleryAccess(),
                app.fakes.galleries(),
                app.fakes.persons(),
                app.fakes.faces(),
                app.fakes.images,
                app.fakes.index,
                app.fakes.cache,
                Erasure.fixed(app.fakes.embedder.model().id()),
                Clock.offset(app.clock, java.time.Duration.ofMinutes(5)),
                DomainEvents.NONE);
        Person renamed = later.update(OPERATOR, alice.id(), new PersonChanges("Alice B", null, null));
        assertThat(renamed.externalId()).isEqualTo("E-1");
        assertThat(renamed.metadata()).isEqualTo("{\"team\":1}");
        assertThat(renamed.updatedAt()).isAfter(renamed.createdAt());
        assertThat(later.update(OPERATOR, alice.id(), new PersonChanges(null, "", null))
                        .externalId())
                .isNull();
        failsWith(
                FaceErrorCode.NOT_FOUND,
                () -> later.update(OPERATOR, UUID.randomUUID(), new PersonChanges("x", null, null)));
    }

    @Test
    void deleteRemovesFacesIndexEntriesAndImagesNoOtherFaceUses() {
        Person alice = app.person(staff, "Alice");
        Person twin = app.person(staff, "Twin");
        var own = app.enroll.enroll(
                OPERATOR,
                alice.id(),
                FakePhoto.of(300, 300).face("alice", 10, 10, 100).bytes());
        var shared = app.enrolled(alice, "alice");
        var sharedByTwin = app.enrolled(twin, "alice");

        app.persons.delete(OPERATOR, alice.id());

        assertThat(app.fakes.persons().find(alice.id())).isEmpty();
        assertThat(app.fakes.database.faces().all()).containsExactly(sharedByTwin);
        assertThat(app.fakes.images.keys()).containsExactly(shared.imageKey());
        assertThat(app.fakes.index.contains(staff.id(), own.id())).isFalse();
        assertThat(app.fakes.index.contains(staff.id(), shared.id())).isFalse();
        assertThat(app.fakes.index.contains(staff.id(), sharedByTwin.id())).isTrue();
        failsWith(FaceErrorCode.NOT_FOUND, () -> app.persons.delete(OPERATOR, alice.id()));
    }

    @Test
    void anImageThatCannotBeDeletedStaysAsAnOrphanWithoutFailingTheDelete() {
        Person alice = app.person(staff, "Alice");
        app.enrolled(alice, "alice");
        app.fakes.images.failDeletes(true);
        ErasureReceipt receipt = app.persons.delete(OPERATOR, alice.id());
        assertThat(app.fakes.persons().find(alice.id())).isEmpty();
        assertThat(app.fakes.images.keys()).hasSize(1);
        assertThat(receipt.images()).isZero();
        assertThat(receipt.imagesLeftForSweep()).isEqualTo(1);
        assertThat(receipt.complete()).isFalse();
    }

    @Test
    void theReceiptCountsWhatWentAndTheCacheForgetsThePhotosSentAsQueries() {
        Person alice = app.person(staff, "Alice");
        Person twin = app.person(staff, "Twin");
        var own = app.enroll.enroll(
                OPERATOR,
                alice.id(),
                FakePhoto.of(300, 300).face("alice", 10, 10, 100).bytes());
        var shared = app.enrolled(alice, "alice");
        app.enrolled(twin, "alice");
        // The enrolled photos sent as queries: their faces and embeddings sit in the cache.
        app.identify.identify(
                OPERATOR,
                staff.id(),
                FakePhoto.of(300, 300).face("alice", 10, 10, 100).bytes(),
                1,
                null);
        app.identify.identify(OPERATOR, staff.id(), FakePhoto.portrait("alice"), 1, null);
        var unrelated = FakePhoto.portrait("bob");
        app.identify.identify(OPERATOR, staff.id(), unrelated, 1, null);
        assertThat(app.fakes.cache.size()).isEqualTo(3);
        long before = app.fakes.faces().lastChange();

        ErasureReceipt receipt = app.persons.delete(OPERATOR, alice.id());

        assertThat(receipt.subject()).isEqualTo(new ErasureReceipt.Subject(ErasureReceipt.Type.PERSON, alice.id()));
        assertThat(receipt.erasedAt()).isEqualTo(UseCases.NOW);
        assertThat(receipt.persons()).isEqualTo(1);
        assertThat(receipt.faces()).isEqualTo(2);
        assertThat(receipt.images()).isEqualTo(1);
        assertThat(receipt.imagesKept()).isEqualTo(1);
        assertThat(receipt.imagesLeftForSweep()).isZero();
        assertThat(receipt.indexEntriesRemoved()).isEqualTo(2);
        assertThat(receipt.cacheEntriesEvicted()).isEqualTo(2);
        assertThat(receipt.cacheEvictionsFailed()).isZero();
        assertThat(receipt.complete()).isTrue();
        // Both removals are in the log up to the receipt's sequence, which is the log's last entry.
        assertThat(receipt.changeLogSequence()).isEqualTo(app.fakes.faces().lastChange());
        assertThat(app.fakes.faces().changesAfter(before, 10))
                .filteredOn(change -> change.sequence() <= receipt.changeLogSequence())
                .extracting(change -> change.faceId())
                .containsExactlyInAnyOrder(own.id(), shared.id());
        // The unrelated query stays cached; the erased photos are forgotten.
        assertThat(app.fakes.cache.size()).isEqualTo(1);
        assertThat(app.fakes.cache.get(
                        Sha256.hex(unrelated), app.fakes.embedder.model().id()))
                .isPresent();
    }

    @Test
    void aCacheThatCannotEvictIsCountedAndTheErasureStillHappens() {
        Person alice = app.person(staff, "Alice");
        app.enrolled(alice, "alice");
        app.identify.identify(OPERATOR, staff.id(), FakePhoto.portrait("alice"), 1, null);
        app.fakes.cache.failEvictions(true);

        ErasureReceipt receipt = app.persons.delete(OPERATOR, alice.id());

        assertThat(app.fakes.persons().find(alice.id())).isEmpty();
        assertThat(receipt.cacheEntriesEvicted()).isZero();
        assertThat(receipt.cacheEvictionsFailed()).isEqualTo(1);
        assertThat(receipt.complete()).isFalse();
    }
}
