package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.event.FacesEnrolled;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.FacePixels;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.quality.QualityAssessment;
import dev.facerec.core.quality.QualityGate;
import dev.facerec.core.recognizer.ModelGuard;
import dev.facerec.core.store.ImageStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Enrolls a face for a person from a photo showing exactly one usable face.
 *
 * <p>Order of work: everything that can refuse the photo (decoding, detection, the quality gate, embedding) runs
 * before anything is written. Then the image is stored, then the face row and its change-log entry are saved in one
 * transaction. If saving fails after the image was stored, the image is deleted again unless another face refers to
 * it, so no failure leaves a half-enrolled face or an orphan image. The index is updated last and never fails the
 * request: the row is the truth, and the {@link IndexSynchronizer} applies the logged change if this update did not.
 * Then it raises {@link FacesEnrolled}. The two halves are also offered apart, {@link #prepare} (nothing written) and
 * {@link #commit}, so that a bulk enrolment computes one photo while it stores the one before.
 *
 * <p>Identical photos share one stored image, so between this enrolment's store and its commit a deleter may remove
 * the image as unreferenced: the orphan sweeper, the cleanup after a face deletion, or the compensation of a
 * simultaneous enrolment of the same photo that failed. The transaction therefore checks, under the face write lock
 * that deleters take too, that the image is still there, and stores it again if not (see
 * {@link FaceRepository#add}): one existence check per enrolment, inside the lock. The {@link ModelGuard} runs there
 * too, so a face embedded with a model that a switch-over has just replaced is refused (retryably) instead of stored
 * with the old model's embedding.
 */
public final class EnrollFace {
    private final GalleryAccess access;
    private final ImageDecoder decoder;
    private final FaceDetector detector;
    private final FaceEmbedder embedder;
    private final PersonRepository persons;
    private final FaceRepository faces;
    private final ImageStore images;
    private final ImageCleanup cleanup;
    private final IndexUpdates index;
    private final QualityGate gate;
    private final SubjectFace subject;
    private final Clock clock;
    private final DomainEvents events;
    private final ModelGuard guard;

    /**
     * With the default subject rule ({@link SubjectFace#DEFAULT_BACKGROUND_RATIO}) over the gate's policy, and no
     * {@link ModelGuard} ({@link ModelGuard#ANY}).
     */
    public EnrollFace(
            GalleryAccess access,
            ImageDecoder decoder,
            FaceDetector detector,
            FaceEmbedder embedder,
            PersonRepository persons,
            FaceRepository faces,
            ImageStore images,
            GalleryIndex index,
            QualityGate gate,
            Clock clock,
            DomainEvents events) {
        this(
                access,
                decoder,
                detector,
                embedder,
                persons,
                faces,
                images,
                index,
                gate,
                new SubjectFace(gate.policy(), SubjectFace.DEFAULT_BACKGROUND_RATIO),
                clock,
                events,
                ModelGuard.ANY);
    }

    /**
     * @param guard checked under the face write lock just before the face is written: a face embedded with a model
     *     the stored faces are no longer kept in (a switch-over committed after the embedding) is refused, retryably
     */
    public EnrollFace(
            GalleryAccess access,
            ImageDecoder decoder,
            FaceDetector detector,
            FaceEmbedder embedder,
            PersonRepository persons,
            FaceRepository faces,
            ImageStore images,
            GalleryIndex index,
            QualityGate gate,
            SubjectFace subject,
            Clock clock,
            DomainEvents events,
            ModelGuard guard) {
        this.guard = requireNonNull(guard, "guard is null");
        this.access = requireNonNull(access, "access is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.detector = requireNonNull(detector, "detector is null");
        this.embedder = requireNonNull(embedder, "embedder is null");
        this.persons = requireNonNull(persons, "persons is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.images = requireNonNull(images, "images is null");
        this.cleanup = new ImageCleanup(faces, images);
        this.index = new IndexUpdates(index);
        this.gate = requireNonNull(gate, "gate is null");
        this.subject = requireNonNull(subject, "subject is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.events = requireNonNull(events, "events is null");
    }

    /**
     * @throws FaceException {@code NOT_FOUND} if the person does not exist; {@code FORBIDDEN} if its gallery is
     *     restricted to other callers than {@code actor}; the decoder's errors; {@code NO_FACE}; {@code MULTIPLE_FACES}
     *     with {@code details.boxes}; {@code FACE_QUALITY}; {@code UNAVAILABLE} from the store or the repository
     */
    public EnrolledFace enroll(Actor actor, UUID personId, byte[] bytes) {
        return enroll(actor, personId, bytes, Optional.empty());
    }

    /**
     * Enrolls the face in {@code box} (a box from an earlier {@code MULTIPLE_FACES} answer) when one is given,
     * otherwise the photo's subject as {@link SubjectFace} picks it.
     *
     * @throws FaceException as {@link #enroll(Actor, UUID, byte[])}; {@code NO_FACE} also when no face matches the box
     */
    public EnrolledFace enroll(Actor actor, UUID personId, byte[] bytes, Optional<BoundingBox> box) {
        requireNonNull(actor, "actor is null");
        requireNonNull(bytes, "bytes is null");
        requireNonNull(box, "box is null");
        Person person = accessiblePerson(actor, personId);
        return store(person, prepare(bytes, box));
    }

    /**
     * The first half of {@link #enroll}: everything that can refuse the photo (decoding, detection with the subject
     * rule, the quality gate, embedding), nothing written. A bulk enrolment computes the next photo's face this way
     * while it {@linkplain #commit commits} the one before.
     *
     * @throws FaceException the decoder's errors; {@code NO_FACE}; {@code MULTIPLE_FACES}; {@code FACE_QUALITY}
     */
    public PreparedFace prepare(byte[] bytes, Optional<BoundingBox> box) {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(box, "box is null");
        DecodedImage image = decoder.decode(bytes);
        DetectedFace face = subject.pick(detector.detect(image), box);
        DecodedImage pixels = FacePixels.of(image, List.of(face)).forFace(face);
        QualityAssessment quality = gate.check(pixels, face);
        Embedding embedding = embedder.embed(pixels, List.of(face)).getFirst();
        return new PreparedFace(bytes, Sha256.hex(bytes), ImageMediaType.sniff(bytes), face, quality, embedding);
    }

    /**
     * The second half of {@link #enroll}: checks the person and the caller's access to its gallery now, then stores
     * the prepared face as {@link #enroll} does (image, row and change log, index, {@link FacesEnrolled}).
     *
     * @throws FaceException {@code NOT_FOUND}, {@code FORBIDDEN} and {@code UNAVAILABLE} as {@link #enroll}
     */
    public EnrolledFace commit(Actor actor, UUID personId, PreparedFace prepared) {
        requireNonNull(actor, "actor is null");
        requireNonNull(prepared, "prepared is null");
        return store(accessiblePerson(actor, personId), prepared);
    }

    private Person accessiblePerson(Actor actor, UUID personId) {
        Person person =
                persons.find(requireNonNull(personId, "personId is null")).orElseThrow(() -> NotFound.person(personId));
        access.check(actor, person.galleryId());
        return person;
    }

    private EnrolledFace store(Person person, PreparedFace prepared) {
        byte[] bytes = prepared.bytes();
        String mediaType = prepared.mediaType();
        String imageKey = images.put(bytes, mediaType);
        EnrolledFace saved;
        try {
            saved = faces.add(
                    new EnrolledFace(
                            UUID.randomUUID(),
                            person.id(),
                            person.galleryId(),
                            imageKey,
                            prepared.sha256(),
                            prepared.face(),
                            prepared.quality().score(),
                            prepared.embedding(),
                            clock.instant()),
                    () -> {
                        guard.requireCurrent(prepared.embedding().modelId());
                        SharedImages.storeAgainIfDeleted(images, imageKey, bytes, mediaType);
                    });
        } catch (RuntimeException e) {
            compensate(imageKey, e);
            throw e;
        }
        index.added(saved);
        events.publish(new FacesEnrolled(saved.galleryId(), saved.personId(), List.of(saved.id()), clock.instant()));
        return saved;
    }

    private void compensate(String imageKey, RuntimeException failure) {
        try {
            cleanup.deleteIfUnreferenced(imageKey);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
