package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.WhenBusy;
import dev.facerec.core.access.Actor;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.recognizer.ModelSwitch;
import dev.facerec.core.usecase.EnrollFace;
import dev.facerec.core.usecase.ManagePersons;
import dev.facerec.core.usecase.NewPerson;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Enrolls one photo of a job through {@link EnrollFace}, the pipeline of the REST API, so that doing it again after a
 * crash never enrols it twice: the person is found before it is created (by external id, else by exact name, the
 * oldest such), and a face of that person from the same bytes (same SHA-256) is never enrolled again. Such a face made
 * by this job run that no item records yet is the enrolment a crash interrupted before its item was recorded: it is
 * recorded as enrolled. Any other is a duplicate.
 *
 * <p>A photo goes through two steps. {@link #read} and {@link #compute} read it and compute its face (decoding,
 * detection, quality gate, embedding) and write nothing, so the runner may run them ahead, for the next photo, on
 * another thread. {@link #commit} then does, in the runner's order, everything that reads or writes what other
 * photos change: the person, the duplicate check, storing the face. A photo found to be a duplicate at that point
 * had its face computed for nothing; nothing else changes.
 */
final class ItemEnrolment {
    private final EnrollFace enroll;
    private final ManagePersons managePersons;
    private final PersonRepository persons;
    private final FaceRepository faces;
    private final JobRepository jobs;
    private final Clock clock;
    private final Map<String, UUID> personIds = new HashMap<>();
    /** Tries of one photo while the recognizer is switched (about 10 s with a 2 s retry). */
    static final int SWITCH_ATTEMPTS = 5;
    /** Tries of one photo while the service answers that it is busy, {@link #BUSY_PAUSE} apart. */
    static final int BUSY_ATTEMPTS = 10;

    static final Duration BUSY_PAUSE = Duration.ofSeconds(1);

    ItemEnrolment(
            EnrollFace enroll,
            ManagePersons managePersons,
            PersonRepository persons,
            FaceRepository faces,
            JobRepository jobs,
            Clock clock) {
        this.enroll = requireNonNull(enroll, "enroll is null");
        this.managePersons = requireNonNull(managePersons, "managePersons is null");
        this.persons = requireNonNull(persons, "persons is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The outcome of the item, not yet recorded: {@link #read}, {@link #compute} and {@link #commit} in one. */
    JobItem process(EnrollmentJob job, Actor actor, ArchiveItem item, JobPhotos photos) {
        return commit(job, actor, read(item, photos));
    }

    /**
     * The item's bytes, or its refusal when its source refuses it (gone, changed since the job was created, too large).
     *
     * @throws FaceException {@code UNAVAILABLE} when the source cannot be read right now: the run stops, and the job
     *     is tried again once its lease lapses, rather than refusing photos that a moment later could be read
     * @throws java.io.UncheckedIOException when the source is damaged
     */
    static Photo read(ArchiveItem item, JobPhotos photos) {
        try {
            return Photo.read(item, photos.read(item));
        } catch (FaceException e) {
            if (e.code() == FaceErrorCode.UNAVAILABLE) {
                throw e;
            }
            return Photo.unreadable(item, e);
        }
    }

    /**
     * The photo with its face computed, or with the reason it cannot be enrolled; writes nothing. A refusal because
     * the service is busy right now (requests come first, see {@code BackgroundWork}) is not the photo's: it is
     * computed again ({@link WhenBusy}, up to {@link #BUSY_ATTEMPTS} times) before it counts as refused.
     */
    Photo compute(Photo photo) {
        if (photo.computed()) {
            return photo;
        }
        try {
            return photo.with(
                    WhenBusy.retried(() -> enroll.prepare(photo.bytes(), Optional.empty()), BUSY_ATTEMPTS, BUSY_PAUSE));
        } catch (FaceException e) {
            return photo.refused(e);
        }
    }

    /**
     * The outcome of the photo, not yet recorded; computes its face here when that was not done ahead. A photo its
     * source refused creates no person.
     */
    JobItem commit(EnrollmentJob job, Actor actor, Photo photo) {
        ArchiveItem item = photo.item();
        if (photo.bytes() == null) {
            return refused(job, item, null, photo.refusal());
        }
        UUID personId = null;
        try {
            personId = person(job, actor, item);
            UUID person = personId;
            Optional<EnrolledFace> same = faces.findByPerson(personId).stream()
                    .filter(face -> sameHash(face.imageSha256(), photo.sha256()))
                    .findFirst();
            if (same.isPresent()) {
                EnrolledFace face = same.get();
                boolean interrupted = job.startedAt() != null
                        && !face.createdAt().isBefore(job.startedAt())
                        && !jobs.recordsFace(job.id(), face.id());
                return interrupted
                        ? JobItem.enrolled(job.id(), item.path(), person, face.id(), clock.instant())
                        : JobItem.duplicate(job.id(), item.path(), person, face.id(), clock.instant());
            }
            Photo computed = compute(photo);
            if (computed.refusal() != null) {
                return refused(job, item, personId, computed.refusal());
            }
            EnrolledFace face = commitDuringASwitch(actor, personId, computed);
            return JobItem.enrolled(job.id(), item.path(), personId, face.id(), clock.instant());
        } catch (FaceException e) {
            return refused(job, item, personId, e);
        }
    }

    /**
     * Stores the computed face, waiting out a recognizer switch: a face refused because the model is being switched
     * ({@link ModelSwitch#isSwitch}; it was computed with the model the switch replaces) is computed again with the
     * new model after the refusal's {@code retryAfterSeconds}, a few times (the switch takes seconds). If the switch
     * outlasts that, the refusal is thrown: the item is not recorded, and the job goes on from it when it is claimed
     * again, rather than recording a photo as refused for a passing reason.
     *
     * @throws FaceException the pipeline's refusal of the photo when it is computed again
     */
    private EnrolledFace commitDuringASwitch(Actor actor, UUID personId, Photo computed) {
        Photo current = computed;
        for (int attempt = 1; ; attempt++) {
            try {
                return enroll.commit(actor, personId, current.face());
            } catch (FaceException e) {
                if (!ModelSwitch.isSwitch(e)) {
                    throw e;
                }
                if (attempt >= SWITCH_ATTEMPTS) {
                    throw new SwitchOutlasted(e);
                }
                pause(ModelSwitch.retryAfterSeconds(e));
                current = current.with(enroll.prepare(current.bytes(), Optional.empty()));
            }
        }
    }

    private static void pause(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a recognizer switch", e);
        }
    }

    /** A recognizer switch still under way after {@link #SWITCH_ATTEMPTS} tries: the job goes on later. */
    static final class SwitchOutlasted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SwitchOutlasted(FaceException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private JobItem refused(EnrollmentJob job, ArchiveItem item, UUID personId, FaceException refusal) {
        return JobItem.refused(
                job.id(), item.path(), personId, refusal.code().name(), refusal.getMessage(), clock.instant());
    }

    private UUID person(EnrollmentJob job, Actor actor, ArchiveItem item) {
        String key = item.externalId() != null ? "id:" + item.externalId() : "name:" + item.personName();
        UUID known = personIds.get(key);
        if (known != null) {
            return known;
        }
        UUID id = existing(job.galleryId(), item)
                .orElseGet(() -> managePersons
                        .create(actor, new NewPerson(job.galleryId(), item.personName(), item.externalId(), null))
                        .id());
        personIds.put(key, id);
        return id;
    }

    private Optional<UUID> existing(UUID galleryId, ArchiveItem item) {
        PersonQuery query = item.externalId() != null
                ? new PersonQuery(galleryId, null, item.externalId(), 0, 1)
                : new PersonQuery(galleryId, item.personName(), null, 0, PersonQuery.MAX_PAGE_SIZE);
        return persons.find(query).items().stream()
                .filter(person -> item.externalId() != null || person.name().equals(item.personName()))
                .min(Comparator.comparing(Person::createdAt).thenComparing(Person::id))
                .map(Person::id);
    }

    /**
     * Whether two SHA-256 hex digests are equal, compared in constant time. The digests name photos, not secrets, but
     * the constant-time comparison costs nothing and keeps digest comparisons uniform.
     */
    private static boolean sameHash(String stored, String computed) {
        return java.security.MessageDigest.isEqual(
                stored.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                computed.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
