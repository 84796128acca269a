package dev.facerec.core.usecase;

import dev.facerec.core.access.Actor;
import dev.facerec.core.account.Role;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.Person;
import dev.facerec.core.quality.QualityGate;
import dev.facerec.core.quality.QualityPolicy;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.FakePipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Every use case over one {@link FakePipeline}, with a fixed clock. */
final class UseCases {
    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    /** The caller of the tests that are not about access lists: every gallery is open to it until a list names others. */
    static final Actor OPERATOR = new Actor("operator", Role.OPERATOR);

    final FakePipeline fakes = new FakePipeline();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final ManageGalleries galleries = fakes.manageGalleries(clock, DomainEvents.NONE);
    final ManagePersons persons = fakes.managePersons(clock, DomainEvents.NONE);
    final EnrollFace enroll = fakes.enrollFace(clock, DomainEvents.NONE);
    final ListFaces listFaces = new ListFaces(fakes.galleryAccess(), fakes.galleries(), fakes.persons(), fakes.faces());
    final DeleteFace deleteFace = new DeleteFace(
            fakes.galleryAccess(),
            fakes.faces(),
            fakes.images,
            fakes.index,
            fakes.cache,
            Erasure.fixed(fakes.embedder.model().id()),
            clock,
            DomainEvents.NONE);
    final FaceImage faceImage = new FaceImage(fakes.galleryAccess(), fakes.faces(), fakes.images);
    final VerifyPerson verify = new VerifyPerson(
            fakes.galleryAccess(),
            fakes.decoder,
            fakes.detector,
            fakes.embedder,
            fakes.cache,
            new QualityGate(QualityPolicy.QUERY),
            fakes.persons(),
            fakes.faces(),
            VerifyPerson.OtherModels.NONE);
    final IdentifyFaces identify = new IdentifyFaces(
            fakes.galleryAccess(),
            fakes.decoder,
            fakes.detector,
            fakes.embedder,
            fakes.cache,
            new QualityGate(QualityPolicy.QUERY),
            fakes.galleries(),
            fakes.persons(),
            fakes.index);

    Gallery gallery(String name) {
        return galleries.create(OPERATOR, name);
    }

    Person person(Gallery gallery, String name) {
        return persons.create(OPERATOR, new NewPerson(gallery.id(), name, null, null));
    }

    EnrolledFace enrolled(Person person, String who) {
        return enroll.enroll(OPERATOR, person.id(), FakePhoto.portrait(who));
    }

    /**
     * Enrolls {@code who}'s portrait on another thread, as another request would, and gives it {@code patience} to
     * finish before returning: long enough to commit unless something holds it up, such as the face write lock.
     */
    CompletableFuture<EnrolledFace> enrolledElsewhere(Person person, String who, Duration patience) {
        CompletableFuture<EnrolledFace> enrolment = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                enrolment.complete(enrolled(person, who));
            } catch (Throwable e) {
                enrolment.completeExceptionally(e);
            }
        });
        try {
            enrolment.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Still running, or failed: the caller asks the future.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return enrolment;
    }
}
