package dev.facerec.core.usecase;

import static dev.facerec.core.usecase.Failures.failsWith;
import static dev.facerec.core.usecase.UseCases.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceChange;
import dev.facerec.core.person.Person;
import dev.facerec.core.testing.FakeFaceEmbedder;
import dev.facerec.core.testing.FakePhoto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EnrollFaceTest {
    private final UseCases app = new UseCases();
    private final Gallery staff = app.gallery("staff");
    private final Person alice = app.person(staff, "Alice");

    @Test
    void storesTheImageTheRowTheChangeAndTheIndexEntry() {
        byte[] photo = FakePhoto.portrait("alice");
        EnrolledFace face = app.enroll.enroll(OPERATOR, alice.id(), photo);

        assertThat(face.personId()).isEqualTo(alice.id());
        assertThat(face.galleryId()).isEqualTo(staff.id());
        assertThat(face.modelId()).isEqualTo("fake-recognizer");
        assertThat(face.quality()).isBetween(0.9f, 1f);
        assertThat(face.imageSha256()).isEqualTo(Sha256.hex(photo));
        assertThat(app.fakes.images.get(face.imageKey())).hasValue(photo);
        assertThat(app.fakes.faces().find(face.id())).hasValue(face);
        assertThat(app.fakes.faces().changesAfter(0, 10))
                .extracting(FaceChange::kind, FaceChange::faceId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FaceChange.Kind.ADDED, face.id()));
        assertThat(app.fakes.index.search(staff.id(), FakeFaceEmbedder.vector("alice", face.modelId()), 1))
                .singleElement()
                .satisfies(candidate -> assertThat(candidate.faceId()).isEqualTo(face.id()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesAPhotoWithoutFaceOrWithSeveralUsableFacesNamingTheirBoxes() {
        failsWith(FaceErrorCode.NO_FACE, () -> app.enroll.enroll(OPERATOR, alice.id(), FakePhoto.noFace()));
        FaceException several = failsWith(
                FaceErrorCode.MULTIPLE_FACES,
                () -> app.enroll.enroll(
                        OPERATOR,
                        alice.id(),
                        FakePhoto.of(400, 200)
                                .face("alice", 10, 10, 100)
                                .face("bob", 200, 20, 90)
                                .bytes()));
        assertThat(several.details()).containsEntry("faceCount", 2);
        assertThat((List<Object>) several.details().get("boxes"))
                .containsExactly(
                        Map.of("x", 10f, "y", 10f, "width", 100f, "height", 100f),
                        Map.of("x", 200f, "y", 20f, "width", 90f, "height", 90f));
        assertNothingStored();
    }

    @Test
    void aTinyFaceInTheBackgroundDoesNotCountAsASecondFace() {
        byte[] photo = FakePhoto.of(400, 200)
                .face("alice", 10, 10, 120)
                .face("bob", 300, 20, 16)
                .bytes();
        assertThat(app.enroll.enroll(OPERATOR, alice.id(), photo).face().box().width())
                .isEqualTo(120);
    }

    @Test
    void aBackgroundFaceOfEnrollableSizeBesideAMuchLargerSubjectIsNotASecondPerson() {
        // 60 px is enrollable (over 40 px) but under 0.7 times the subject's 120 px: a passer-by.
        byte[] photo = FakePhoto.of(400, 200)
                .face("alice", 10, 10, 120)
                .face("bob", 300, 20, 60)
                .bytes();

        EnrolledFace face = app.enroll.enroll(OPERATOR, alice.id(), photo);

        assertThat(face.face().box().width()).isEqualTo(120);
        assertThat(app.fakes.index.search(staff.id(), FakeFaceEmbedder.vector("alice", face.modelId()), 1))
                .singleElement()
                .satisfies(candidate -> assertThat(candidate.faceId()).isEqualTo(face.id()));
    }

    @Test
    void theClientChoosesTheFaceOfAGroupPhotoByOneOfTheBoxesItWasGiven() {
        byte[] group = FakePhoto.of(400, 200)
                .face("alice", 10, 10, 100)
                .face("bob", 200, 20, 90)
                .bytes();

        // The box as a MULTIPLE_FACES answer gave it, give or take a few pixels.
        EnrolledFace face =
                app.enroll.enroll(OPERATOR, alice.id(), group, Optional.of(new BoundingBox(203, 18, 88, 92)));

        assertThat(face.face().box()).isEqualTo(new BoundingBox(200, 20, 90, 90));
        assertThat(app.fakes.index.search(staff.id(), FakeFaceEmbedder.vector("bob", face.modelId()), 1))
                .singleElement()
                .satisfies(candidate -> assertThat(candidate.faceId()).isEqualTo(face.id()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBoxThatMatchesNoFaceIsRefusedWithTheFacesFound() {
        byte[] group = FakePhoto.of(400, 200)
                .face("alice", 10, 10, 100)
                .face("bob", 200, 20, 90)
                .bytes();

        FaceException refused = failsWith(
                FaceErrorCode.NO_FACE,
                () -> app.enroll.enroll(OPERATOR, alice.id(), group, Optional.of(new BoundingBox(120, 120, 60, 60))));

        assertThat((List<Object>) refused.details().get("boxes")).hasSize(2);
        assertNothingStored();
    }

    @Test
    void aFaceFailingTheGateIsRefusedBeforeAnythingIsWritten() {
        FaceException blurred = failsWith(
                FaceErrorCode.FACE_QUALITY,
                () -> app.enroll.enroll(
                        OPERATOR,
                        alice.id(),
                        FakePhoto.of(200, 200)
                                .face("alice", 40, 40, 120)
                                .blurred()
                                .bytes()));
        assertThat(blurred.details()).containsEntry("reason", "BLURRED");
        FaceException small = failsWith(
                FaceErrorCode.FACE_QUALITY,
                () -> app.enroll.enroll(
                        OPERATOR,
                        alice.id(),
                        FakePhoto.of(200, 200).face("alice", 40, 40, 20).bytes()));
        assertThat(small.details()).containsEntry("reason", "FACE_TOO_SMALL");
        assertNothingStored();
    }

    @Test
    void refusesAnUnknownPersonAndUnreadableBytes() {
        failsWith(
                FaceErrorCode.NOT_FOUND,
                () -> app.enroll.enroll(OPERATOR, UUID.randomUUID(), FakePhoto.portrait("alice")));
        failsWith(FaceErrorCode.IMAGE_UNREADABLE, () -> app.enroll.enroll(OPERATOR, alice.id(), new byte[] {1, 2, 3}));
        assertNothingStored();
    }

    @Test
    void aStoreFailureLeavesNothing() {
        app.fakes.images.failPuts(true);
        failsWith(FaceErrorCode.UNAVAILABLE, () -> app.enrolled(alice, "alice"));
        assertNothingStored();
    }

    @Test
    void aRepositoryFailureAfterTheImageWasStoredDeletesTheImageAgain() {
        app.fakes.database.faces().failAdds(new IllegalStateException("connection reset"));
        assertThatThrownBy(() -> app.enrolled(alice, "alice")).hasMessage("connection reset");
        assertNothingStored();
    }

    @Test
    void theCompensationKeepsAnImageAnotherFaceUses() {
        EnrolledFace first = app.enrolled(alice, "alice");
        app.fakes.database.faces().failAdds(new IllegalStateException("connection reset"));
        assertThatThrownBy(() -> app.enrolled(alice, "alice")).hasMessage("connection reset");
        assertThat(app.fakes.images.keys()).containsExactly(first.imageKey());
        assertThat(app.fakes.database.faces().all()).containsExactly(first);
    }

    @Test
    void aFailedCompensationIsAttachedToTheOriginalFailure() {
        app.fakes.database.faces().failAdds(new IllegalStateException("connection reset"));
        app.fakes.images.failDeletes(true);
        assertThatThrownBy(() -> app.enrolled(alice, "alice"))
                .hasMessage("connection reset")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    }

    @Test
    void anImageDeletedBetweenItsStoreAndTheCommitIsStoredAgain() {
        byte[] photo = FakePhoto.portrait("alice");
        // A deleter (the orphan sweeper, another request's cleanup) found the image unreferenced just after this
        // enrolment stored it, before the enrolment took the face write lock.
        app.fakes
                .database
                .faces()
                .beforeNextAdd(() -> assertThat(app.fakes.images.keys())
                        .singleElement()
                        .satisfies(key -> assertThat(
                                        app.fakes.faces().deleteImageIfUnreferenced(key, app.fakes.images::delete))
                                .isTrue()));

        EnrolledFace face = app.enroll.enroll(OPERATOR, alice.id(), photo);

        assertThat(app.fakes.images.get(face.imageKey())).hasValue(photo);
    }

    /**
     * Two enrolments of the same photo at once share one image: the compensation of the one that fails must not
     * delete it from under the other. It deletes under the face write lock, so the other one commits before (and the
     * image stays) or after (and stores it again), never in between.
     */
    @Test
    void aFailedEnrolmentsCompensationCannotDeleteTheImageOfASimultaneousEnrolmentOfTheSamePhoto() throws Exception {
        app.fakes.database.faces().failAdds(new IllegalStateException("connection reset"));
        List<CompletableFuture<EnrolledFace>> other = new ArrayList<>();
        app.fakes.images.duringNextDelete(key -> {
            app.fakes.database.faces().failAdds(null);
            other.add(app.enrolledElsewhere(alice, "alice", Duration.ofMillis(500)));
        });

        assertThatThrownBy(() -> app.enrolled(alice, "alice")).hasMessage("connection reset");

        assertThat(other).as("the compensation deleted the image").hasSize(1);
        EnrolledFace face = other.getFirst().get(10, TimeUnit.SECONDS);
        assertThat(app.fakes.images.get(face.imageKey())).hasValue(FakePhoto.portrait("alice"));
    }

    /** The row is the truth: the request succeeds and the synchronizer adds the face from the change log. */
    @Test
    void anIndexFailureKeepsTheFaceAndTheSynchronizerCatchesUp() {
        var synchronizer = new IndexSynchronizer(app.fakes.faces(), app.fakes.index, "fake-recognizer", 100);
        synchronizer.rebuild();
        app.fakes.index.failAdds(true);
        EnrolledFace face = app.enrolled(alice, "alice");
        assertThat(app.fakes.faces().find(face.id())).isPresent();
        assertThat(app.fakes.index.contains(staff.id(), face.id())).isFalse();

        app.fakes.index.failAdds(false);
        assertThat(synchronizer.catchUp()).isEqualTo(1);
        assertThat(app.fakes.index.contains(staff.id(), face.id())).isTrue();
    }

    private void assertNothingStored() {
        assertThat(app.fakes.images.keys()).isEmpty();
        assertThat(app.fakes.database.faces().all()).isEmpty();
        assertThat(app.fakes.faces().changesAfter(-1, 10)).isEmpty();
        assertThat(app.fakes.index.size(staff.id(), "fake-recognizer")).isZero();
    }
}
