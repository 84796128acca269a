package dev.facerec.core.usecase;

import static dev.facerec.core.usecase.Failures.failsWith;
import static dev.facerec.core.usecase.UseCases.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceChange;
import dev.facerec.core.person.Person;
import dev.facerec.core.quality.QualityGate;
import dev.facerec.core.quality.QualityPolicy;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionSweeperTest {
    private final UseCases app = new UseCases();
    private final MovableClock clock = new MovableClock(UseCases.NOW);
    private final EnrollFace enroll = new EnrollFace(
            app.fakes.galleryAccess(),
            app.fakes.decoder,
            app.fakes.detector,
            app.fakes.embedder,
            app.fakes.persons(),
            app.fakes.faces(),
            app.fakes.images,
            app.fakes.index,
            new QualityGate(QualityPolicy.ENROLLMENT),
            clock,
            DomainEvents.NONE);
    // A batch smaller than the faces due, so that a sweep needs several batches.
    private final RetentionSweeper sweeper = new RetentionSweeper(
            app.fakes.galleries(),
            app.fakes.faces(),
            app.fakes.images,
            app.fakes.index,
            app.fakes.cache,
            Erasure.fixed(app.fakes.embedder.model().id()),
            2,
            clock,
            DomainEvents.NONE);

    private final Gallery visitors = app.galleries.create(OPERATOR, "visitors", 30);
    private final Gallery staff = app.gallery("staff");
    private final Person guest = app.person(visitors, "Guest");
    private final Person alice = app.person(staff, "Alice");

    @Test
    void erasesFacesOlderThanTheRetentionAndKeepsNewerOnesAndOtherGalleries() {
        List<EnrolledFace> old = new ArrayList<>();
        for (String who : List.of("guest-1", "guest-2", "guest-3")) {
            old.add(enroll.enroll(OPERATOR, guest.id(), FakePhoto.portrait(who)));
        }
        EnrolledFace staffFace = enroll.enroll(OPERATOR, alice.id(), FakePhoto.portrait("alice"));
        clock.advance(Duration.ofDays(20));
        EnrolledFace recent = enroll.enroll(OPERATOR, guest.id(), FakePhoto.portrait("guest-4"));
        app.identify.identify(OPERATOR, visitors.id(), FakePhoto.portrait("guest-1"), 1, null);
        assertThat(app.fakes.cache.size()).isEqualTo(1);

        clock.advance(Duration.ofDays(10).minusSeconds(1));
        assertThat(sweeper.sweep()).isEqualTo(new RetentionSweeper.Report(1, 0, 0));
        assertThat(app.fakes.database.faces().all()).hasSize(5);

        clock.advance(Duration.ofSeconds(2));
        long sequenceBefore = app.fakes.faces().lastChange();
        List<Long> batches = new ArrayList<>();
        assertThat(sweeper.sweep(batches::add)).isEqualTo(new RetentionSweeper.Report(1, 3, 0));

        assertThat(batches).containsExactly(2L, 1L);
        assertThat(app.fakes.database.faces().all()).containsExactlyInAnyOrder(staffFace, recent);
        for (EnrolledFace face : old) {
            assertThat(app.fakes.index.contains(visitors.id(), face.id())).isFalse();
            assertThat(app.fakes.images.keys()).doesNotContain(face.imageKey());
        }
        assertThat(app.fakes.index.contains(visitors.id(), recent.id())).isTrue();
        assertThat(app.fakes.index.contains(staff.id(), staffFace.id())).isTrue();
        assertThat(app.fakes.images.keys()).containsExactlyInAnyOrder(staffFace.imageKey(), recent.imageKey());
        assertThat(app.fakes.cache.size()).isZero();
        // Other replicas learn of it from the change log.
        assertThat(app.fakes.faces().changesAfter(sequenceBefore, 100))
                .extracting(FaceChange::kind, FaceChange::faceId)
                .containsExactlyInAnyOrderElementsOf(old.stream()
                        .map(face -> org.assertj.core.groups.Tuple.tuple(FaceChange.Kind.REMOVED, face.id()))
                        .toList());
        // The person stays, now with one face.
        assertThat(app.persons.get(OPERATOR, guest.id())).isEqualTo(guest);

        assertThat(sweeper.sweep()).isEqualTo(new RetentionSweeper.Report(1, 0, 0));
        assertThat(app.fakes.faces().lastChange()).isEqualTo(sequenceBefore + 6);
    }

    @Test
    void aFaceAnotherReplicaErasedFirstIsSkipped() {
        EnrolledFace first = enroll.enroll(OPERATOR, guest.id(), FakePhoto.portrait("guest-1"));
        EnrolledFace second = enroll.enroll(OPERATOR, guest.id(), FakePhoto.portrait("guest-2"));
        clock.advance(Duration.ofDays(31));
        // What a second replica does: the same sweep over the same database.
        app.deleteFace.delete(OPERATOR, guest.id(), first.id());

        assertThat(sweeper.sweep().erased()).isEqualTo(1);
        assertThat(app.fakes.database.faces().all()).isEmpty();
        assertThat(app.fakes.images.keys()).doesNotContain(second.imageKey());
    }

    @Test
    void aShortenedRetentionErasesAtTheNextSweepAndAClearedOneKeepsEverything() {
        EnrolledFace face = enroll.enroll(OPERATOR, alice.id(), FakePhoto.portrait("alice"));
        clock.advance(Duration.ofDays(400));
        assertThat(sweeper.sweep().erased()).isZero();

        assertThat(app.galleries.setRetention(OPERATOR, staff.id(), 365).retentionDays())
                .isEqualTo(365);
        assertThat(app.galleries.setRetention(OPERATOR, staff.id(), null).retentionDays())
                .isNull();
        assertThat(sweeper.sweep().erased()).isZero();
        assertThat(app.fakes.database.faces().all()).containsExactly(face);

        app.galleries.setRetention(OPERATOR, staff.id(), 365);
        assertThat(app.galleries.get(OPERATOR, staff.id()).retentionDays()).isEqualTo(365);
        assertThat(sweeper.sweep()).isEqualTo(new RetentionSweeper.Report(2, 1, 0));
        assertThat(app.fakes.database.faces().all()).isEmpty();
    }

    @Test
    void refusesARetentionOutsideOneDayToAHundredYears() {
        for (Integer days : List.of(0, -1, Gallery.MAX_RETENTION_DAYS + 1)) {
            failsWith(FaceErrorCode.INVALID_REQUEST, () -> app.galleries.create(OPERATOR, "g" + days, days));
            failsWith(FaceErrorCode.INVALID_REQUEST, () -> app.galleries.setRetention(OPERATOR, staff.id(), days));
        }
        assertThat(app.galleries
                        .create(OPERATOR, "century", Gallery.MAX_RETENTION_DAYS)
                        .retentionDays())
                .isEqualTo(Gallery.MAX_RETENTION_DAYS);
        failsWith(FaceErrorCode.NOT_FOUND, () -> app.galleries.setRetention(OPERATOR, java.util.UUID.randomUUID(), 1));
    }
}
