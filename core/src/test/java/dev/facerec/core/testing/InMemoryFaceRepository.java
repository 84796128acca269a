package dev.facerec.core.testing;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceChange;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@link FaceRepository} over {@link InMemoryDatabase}, with a switch to make {@link #add} fail and hooks that let a test
 * run what another caller does just before a write takes the lock. The database's monitor is the face write lock.
 */
public final class InMemoryFaceRepository implements FaceRepository {
    private final InMemoryDatabase db;
    private volatile RuntimeException addFailure;
    private final AtomicReference<Runnable> beforeNextAdd = new AtomicReference<>();
    private final AtomicReference<Runnable> beforeNextImageDelete = new AtomicReference<>();

    InMemoryFaceRepository(InMemoryDatabase db) {
        this.db = db;
    }

    /** Every later {@link #add} throws {@code failure} without saving; {@code null} heals. */
    public void failAdds(RuntimeException failure) {
        this.addFailure = failure;
    }

    /** Runs {@code hook} once, at the start of the next {@link #add}, before it takes the lock. */
    public void beforeNextAdd(Runnable hook) {
        beforeNextAdd.set(requireNonNull(hook, "hook is null"));
    }

    /** Runs {@code hook} once, at the start of the next {@link #deleteImageIfUnreferenced}, before it takes the lock. */
    public void beforeNextImageDelete(Runnable hook) {
        beforeNextImageDelete.set(requireNonNull(hook, "hook is null"));
    }

    @Override
    public EnrolledFace add(EnrolledFace face, Runnable beforeCommit) {
        requireNonNull(face, "face is null");
        requireNonNull(beforeCommit, "beforeCommit is null");
        runOnce(beforeNextAdd);
        if (addFailure != null) {
            throw addFailure;
        }
        synchronized (db) {
            if (!db.persons.containsKey(face.personId())) {
                throw new FaceException(FaceErrorCode.NOT_FOUND, "There is no person " + face.personId() + ".");
            }
            beforeCommit.run();
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
    public Page<EnrolledFace> findByGallery(UUID galleryId, PageRequest request) {
        synchronized (db) {
            return request.of(db.faces.values().stream()
                    .filter(face -> face.galleryId().equals(galleryId))
                    .sorted(Comparator.comparing(EnrolledFace::createdAt).thenComparing(EnrolledFace::id))
                    .toList());
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
    public boolean deleteImageIfUnreferenced(String imageKey, Consumer<String> deleteImage) {
        requireNonNull(imageKey, "imageKey is null");
        requireNonNull(deleteImage, "deleteImage is null");
        runOnce(beforeNextImageDelete);
        synchronized (db) {
            if (isImageReferenced(imageKey)) {
                return false;
            }
            deleteImage.accept(imageKey);
            return true;
        }
    }

    private static void runOnce(AtomicReference<Runnable> hook) {
        Runnable once = hook.getAndSet(null);
        if (once != null) {
            once.run();
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
