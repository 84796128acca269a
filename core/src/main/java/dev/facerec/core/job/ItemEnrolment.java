package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
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
import dev.facerec.core.usecase.Sha256;
import java.time.Clock;
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

    /**
     * The outcome of the item, not yet recorded. The photo is read first, so a photo its source refuses (gone, changed,
     * too large) creates no person.
     *
     * @throws FaceException {@code UNAVAILABLE} when the source cannot be read right now: the run stops, and the job
     *     is tried again once its lease lapses, rather than refusing photos that a moment later could be read
     */
    JobItem process(EnrollmentJob job, Actor actor, ArchiveItem item, JobPhotos photos) {
        byte[] bytes;
        try {
            bytes = photos.read(item);
        } catch (FaceException e) {
            if (e.code() == FaceErrorCode.UNAVAILABLE) {
                throw e;
            }
            return JobItem.refused(job.id(), item.path(), null, e.code().name(), e.getMessage(), clock.instant());
        }
        UUID personId = null;
        try {
            personId = person(job, actor, item);
            String sha = Sha256.hex(bytes);
            UUID person = personId;
            Optional<EnrolledFace> same = faces.findByPerson(personId).stream()
                    .filter(face -> sameHash(face.imageSha256(), sha))
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
            EnrolledFace face = enrollDuringASwitch(actor, personId, bytes);
            return JobItem.enrolled(job.id(), item.path(), personId, face.id(), clock.instant());
        } catch (FaceException e) {
            return JobItem.refused(job.id(), item.path(), personId, e.code().name(), e.getMessage(), clock.instant());
        }
    }

    /**
     * Enrols, waiting out a recognizer switch: a photo refused because the model is being switched ({@link
     * ModelSwitch#isSwitch}) is tried again after the refusal's {@code retryAfterSeconds}, a few times (the switch
     * takes seconds). If the switch outlasts that, the refusal is thrown: the item is not recorded, and the job goes
     * on from it when it is claimed again, rather than recording a photo as refused for a passing reason.
     */
    private EnrolledFace enrollDuringASwitch(Actor actor, UUID personId, byte[] bytes) {
        for (int attempt = 1; ; attempt++) {
            try {
                return enroll.enroll(actor, personId, bytes);
            } catch (FaceException e) {
                if (!ModelSwitch.isSwitch(e)) {
                    throw e;
                }
                if (attempt >= SWITCH_ATTEMPTS) {
                    throw new SwitchOutlasted(e);
                }
                pause(ModelSwitch.retryAfterSeconds(e));
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
