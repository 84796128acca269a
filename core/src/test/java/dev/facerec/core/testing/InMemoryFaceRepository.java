package dev.facerec.core.testing;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceChange;
import dev.facerec.core.person.FaceRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** {@link FaceRepository} over {@link InMemoryDatabase}, with a switch to make {@link #add} fail. */
public final class InMemoryFaceRepository implements FaceRepository {
    private final InMemoryDatabase db;
    private volatile RuntimeException addFailure;

    InMemoryFaceRepository(InMemoryDatabase db) {
        this.db = db;
    }

    /** Every later {@link #add} throws {@code failure} without saving; {@code null} heals. */
    public void failAdds(RuntimeException failure) {
        this.addFailure = failure;
    }

    @Override
    public EnrolledFace add(EnrolledFace face) {
        requireNonNull(face, "face is null");
        if (addFailure != null) {
            throw addFailure;
        }
        synchronized (db) {
            if (!db.persons.containsKey(face.personId())) {
                throw new FaceException(FaceErrorCode.NOT_FOUND, "There is no person " + face.personId() + ".");
            }
            db.faces.put(face.id(), face);
            db.log(FaceChange.Kind.ADDED, face);
            return face;
        }
    }

    @Override
    public Optional<EnrolledFace> find(UUID faceId) {
        synchronized (db) {
            return Optional.ofNullable(db.faces.get(faceId));
        }
    }

    @Override
    public List<EnrolledFace> findByPerson(UUID personId) {
        synchronized (db) {
            return db.faces.values().stream()
                    .filter(face -> face.personId().equals(personId))
                    .toList();
        }
    }

    @Override
    public Optional<EnrolledFace> delete(UUID faceId) {
        synchronized (db) {
            EnrolledFace face = db.faces.remove(faceId);
            if (face != null) {
                db.log(FaceChange.Kind.REMOVED, face);
            }
            return Optional.ofNullable(face);
        }
    }

    @Override
    public List<UUID> enrolledBefore(UUID galleryId, Instant before, int limit) {
        synchronized (db) {
            return db.faces.values().stream()
                    .filter(face -> face.galleryId().equals(galleryId)
                            && face.createdAt().isBefore(before))
                    .sorted(Comparator.comparing(EnrolledFace::createdAt).thenComparing(EnrolledFace::id))
                    .limit(limit)
                    .map(EnrolledFace::id)
                    .toList();
        }
    }

    @Override
    public boolean isImageReferenced(String imageKey) {
        synchronized (db) {
            return db.faces.values().stream().anyMatch(face -> face.imageKey().equals(imageKey));
        }
    }

    @Override
    public long forEachFace(String modelId, Consumer<EnrolledFace> consumer) {
        List<EnrolledFace> snapshot;
        long sequence;
        synchronized (db) {
            snapshot = db.faces.values().stream()
                    .filter(face -> face.modelId().equals(modelId))
                    .toList();
            sequence = db.sequence();
        }
        snapshot.forEach(consumer);
        return sequence;
    }

    @Override
    public long lastChange() {
        synchronized (db) {
            return db.sequence();
        }
    }

    @Override
    public List<FaceChange> changesAfter(long after, int limit) {
        synchronized (db) {
            return db.changes.stream()
                    .filter(change -> change.sequence() > after)
                    .limit(limit)
                    .toList();
        }
    }

    /** Every face, for assertions. */
    public List<EnrolledFace> all() {
        synchronized (db) {
            return List.copyOf(db.faces.values());
        }
    }
}
