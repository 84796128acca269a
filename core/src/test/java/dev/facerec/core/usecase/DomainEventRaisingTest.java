package dev.facerec.core.usecase;

import static dev.facerec.core.usecase.Failures.failsWith;
import static dev.facerec.core.usecase.UseCases.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.event.ChangeKind;
import dev.facerec.core.event.DomainEvent;
import dev.facerec.core.event.FacesEnrolled;
import dev.facerec.core.event.FacesErased;
import dev.facerec.core.event.FacesErased.ErasedFace;
import dev.facerec.core.event.FacesIdentified;
import dev.facerec.core.event.GalleryChanged;
import dev.facerec.core.event.JobFinished;
import dev.facerec.core.event.PersonChanged;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.Person;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.FakePipeline;
import dev.facerec.core.testing.MovableClock;
import dev.facerec.core.testing.RecordingDomainEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every writing use case raises its event once its write is visible in the stores (the listener below checks the
 * stores at the moment of publication), with the ids and the time a listener needs, and a refused write raises none.
 */
class DomainEventRaisingTest {
    private final FakePipeline fakes = new FakePipeline();
    private final MovableClock clock = new MovableClock(UseCases.NOW);
    private final List<String> notCommitted = new ArrayList<>();
    private final RecordingDomainEvents events = new RecordingDomainEvents(this::checkCommitted);
    private final String model = fakes.embedder.model().id();

    private final ManageGalleries galleries = fakes.manageGalleries(clock, events);
    private final ManagePersons persons = fakes.managePersons(clock, events);
    private final EnrollFace enroll = fakes.enrollFace(clock, events);
    private final DeleteFace deleteFace = new DeleteFace(
            fakes.galleryAccess(),
            fakes.faces(),
            fakes.images,
            fakes.index,
            fakes.cache,
            Erasure.fixed(model),
            clock,
            events);
    private final RetentionSweeper sweeper = new RetentionSweeper(
            fakes.galleries(),
            fakes.faces(),
            fakes.images,
            fakes.index,
            fakes.cache,
            Erasure.fixed(model),
            2,
            clock,
            events);

    @Test
    void galleryWritesRaiseGalleryChangedAndARefusedOneRaisesNothing() {
        Gallery staff = galleries.create(OPERATOR, "staff");
        clock.advance(Duration.ofMinutes(1));
        galleries.setRetention(OPERATOR, staff.id(), 30);
        failsWith(FaceErrorCode.CONFLICT, () -> galleries.create(OPERATOR, "staff"));
        failsWith(FaceErrorCode.NOT_FOUND, () -> galleries.setRetention(OPERATOR, UUID.randomUUID(), 30));
        failsWith(FaceErrorCode.INVALID_REQUEST, () -> galleries.setRetention(OPERATOR, staff.id(), 0));
        failsWith(FaceErrorCode.NOT_FOUND, () -> galleries.delete(OPERATOR, UUID.randomUUID()));

        assertThat(events.events())
                .containsExactly(
                        new GalleryChanged(staff.id(), ChangeKind.CREATED, UseCases.NOW),
                        new GalleryChanged(staff.id(), ChangeKind.UPDATED, UseCases.NOW.plusSeconds(60)));
        assertThat(notCommitted).isEmpty();
    }

    @Test
    void personWritesRaisePersonChangedWithTheirGallery() {
        Gallery staff = galleries.create(OPERATOR, "staff");
        events.clear();
        Person alice = persons.create(OPERATOR, new NewPerson(staff.id(), "Alice", "E-1", null));
        clock.advance(Duration.ofMinutes(1));
        persons.update(OPERATOR, alice.id(), new PersonChanges("Alice B", null, null));
        failsWith(
                FaceErrorCode.CONFLICT, () -> persons.create(OPERATOR, new NewPerson(staff.id(), "Eve", "E-1", null)));
        failsWith(
                FaceErrorCode.NOT_FOUND,
                () -> persons.update(OPERATOR, UUID.randomUUID(), new PersonChanges("X", null, null)));
        clock.advance(Duration.ofMinutes(1));
        persons.delete(OPERATOR, alice.id());
        failsWith(FaceErrorCode.NOT_FOUND, () -> persons.delete(OPERATOR, alice.id()));

        // A person without faces: its erasure has no faces to report.
        assertThat(events.events())
                .containsExactly(
                        new PersonChanged(staff.id(), alice.id(), ChangeKind.CREATED, UseCases.NOW),
                        new PersonChanged(staff.id(), alice.id(), ChangeKind.UPDATED, UseCases.NOW.plusSeconds(60)),
                        new PersonChanged(staff.id(), alice.id(), ChangeKind.ERASED, UseCases.NOW.plusSeconds(120)));
        assertThat(notCommitted).isEmpty();
    }

    @Test
    void anEnrolmentRaisesFacesEnrolledAndARefusedPhotoRaisesNothing() {
        Gallery staff = galleries.create(OPERATOR, "staff");
        Person alice = persons.create(OPERATOR, new NewPerson(staff.id(), "Alice", null, null));
        events.clear();
        clock.advance(Duration.ofSeconds(5));

        EnrolledFace face = enroll.enroll(OPERATOR, alice.id(), FakePhoto.portrait("alice"));
        failsWith(FaceErrorCode.NO_FACE, () -> enroll.enroll(OPERATOR, alice.id(), FakePhoto.noFace()));
        failsWith(FaceErrorCode.NOT_FOUND, () -> enroll.enroll(OPERATOR, UUID.randomUUID(), FakePhoto.portrait("bob")));
        fakes.database.faces().failAdds(new IllegalStateException("database down"));
        assertThatThrownBy(() -> enroll.enroll(OPERATOR, alice.id(), FakePhoto.portrait("carol")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(events.events())
                .containsExactly(
                        new FacesEnrolled(staff.id(), alice.id(), List.of(face.id()), UseCases.NOW.plusSeconds(5)));
        assertThat(notCommitted).isEmpty();
    }

    @Test
    void erasingAFaceAPersonOrAGalleryRaisesFacesErasedWithTheReceiptThenTheChangeOfWhatWent() {
        Gallery staff = galleries.create(OPERATOR, "staff");
        Person alice = persons.create(OPERATOR, new NewPerson(staff.id(), "Alice", null, null));
        Person bob = persons.create(OPERATOR, new NewPerson(staff.id(), "Bob", null, null));
        EnrolledFace alice1 = enroll.enroll(OPERATOR, alice.id(), FakePhoto.portrait("alice-1"));
        EnrolledFace alice2 = enroll.enroll(OPERATOR, alice.id(), FakePhoto.portrait("alice-2"));
        EnrolledFace alice3 = enroll.enroll(OPERATOR, alice.id(), FakePhoto.portrait("alice-3"));
        EnrolledFace bob1 = enroll.enroll(OPERATOR, bob.id(), FakePhoto.portrait("bob-1"));
        events.clear();

        ErasureReceipt one = deleteFace.delete(OPERATOR, alice.id(), alice1.id());
        failsWith(FaceErrorCode.NOT_FOUND, () -> deleteFace.delete(OPERATOR, alice.id(), alice1.id()));
        ErasureReceipt person = persons.delete(OPERATOR, alice.id());
        ErasureReceipt gallery = galleries.delete(OPERATOR, staff.id());

        List<DomainEvent> raised = events.events();
        assertThat(raised).hasSize(5);
        assertThat(raised.get(0))
                .isEqualTo(new FacesErased(
                        staff.id(),
                        List.of(new ErasedFace(alice1.id(), alice.id())),
                        FacesErased.Reason.FACE_DELETED,
                        one.receiptId(),
                        one.erasedAt()));
        FacesErased withPerson = (FacesErased) raised.get(1);
        assertThat(withPerson.faces())
                .containsExactlyInAnyOrder(
                        new ErasedFace(alice2.id(), alice.id()), new ErasedFace(alice3.id(), alice.id()));
        assertThat(withPerson.reason()).isEqualTo(FacesErased.Reason.PERSON_ERASED);
        assertThat(withPerson.receiptId()).isEqualTo(person.receiptId());
        assertThat(raised.get(2))
                .isEqualTo(new PersonChanged(staff.id(), alice.id(), ChangeKind.ERASED, person.erasedAt()));
        assertThat(raised.get(3))
                .isEqualTo(new FacesErased(
                        staff.id(),
                        List.of(new ErasedFace(bob1.id(), bob.id())),
                        FacesErased.Reason.GALLERY_ERASED,
                        gallery.receiptId(),
                        gallery.erasedAt()));
        assertThat(raised.get(4)).isEqualTo(new GalleryChanged(staff.id(), ChangeKind.ERASED, gallery.erasedAt()));
        assertThat(notCommitted).isEmpty();
    }

    @Test
    void aRetentionSweepRaisesFacesErasedForEachBatchAndNothingWhenNothingIsDue() {
        Gallery visitors = galleries.create(OPERATOR, "visitors", 30);
        Person guest = persons.create(OPERATOR, new NewPerson(visitors.id(), "Guest", null, null));
        List<UUID> old = new ArrayList<>();
        for (String who : List.of("guest-1", "guest-2", "guest-3")) {
            old.add(enroll.enroll(OPERATOR, guest.id(), FakePhoto.portrait(who)).id());
        }
        events.clear();
        sweeper.sweep();
        assertThat(events.events()).as("nothing due yet").isEmpty();

        clock.advance(Duration.ofDays(31));
        sweeper.sweep();

        List<FacesErased> erased = events.events(FacesErased.class);
        assertThat(events.events()).hasSameSizeAs(erased).hasSize(2);
        assertThat(erased).allSatisfy(event -> {
            assertThat(event.galleryId()).isEqualTo(visitors.id());
            assertThat(event.reason()).isEqualTo(FacesErased.Reason.RETENTION_EXPIRED);
            assertThat(event.occurredAt()).isEqualTo(UseCases.NOW.plus(Duration.ofDays(31)));
            assertThat(event.faces()).extracting(ErasedFace::personId).containsOnly(guest.id());
        });
        assertThat(erased.stream().flatMap(event -> event.faces().stream()).map(ErasedFace::faceId))
                .containsExactlyInAnyOrderElementsOf(old);
        assertThat(erased).extracting(FacesErased::receiptId).doesNotHaveDuplicates();
        assertThat(notCommitted).isEmpty();
    }

    /** At publication the write must be visible: enrolled faces present, erased ones and erased owners gone. */
    private void checkCommitted(DomainEvent event) {
        boolean committed = switch (event) {
            case FacesEnrolled enrolled ->
                enrolled.faceIds().stream()
                        .allMatch(id -> fakes.faces().find(id).isPresent());
            case FacesErased erased ->
                erased.faces().stream()
                        .allMatch(face -> fakes.faces().find(face.faceId()).isEmpty());
            case PersonChanged changed ->
                fakes.persons().find(changed.personId()).isPresent() != (changed.kind() == ChangeKind.ERASED);
            case GalleryChanged changed ->
                fakes.galleries().find(changed.galleryId()).isPresent() != (changed.kind() == ChangeKind.ERASED);
            case FacesIdentified _ -> true; // nothing written
            case JobFinished _ -> true;
        };
        if (!committed) {
            notCommitted.add(event.toString());
        }
    }
}
