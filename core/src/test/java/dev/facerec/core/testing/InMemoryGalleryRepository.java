package dev.facerec.core.testing;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.person.DeletedFace;
import dev.facerec.core.person.Deletion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link GalleryRepository} over {@link InMemoryDatabase}. */
public final class InMemoryGalleryRepository implements GalleryRepository {
    private final InMemoryDatabase db;

    InMemoryGalleryRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Gallery create(Gallery gallery) {
        requireNonNull(gallery, "gallery is null");
        synchronized (db) {
            if (db.galleries.values().stream().anyMatch(g -> g.name().equals(gallery.name()))) {
                throw new FaceException(FaceErrorCode.CONFLICT, "A gallery named " + gallery.name() + " exists.");
            }
            db.galleries.put(gallery.id(), gallery);
            return gallery;
        }
    }

    @Override
    public Optional<Gallery> find(UUID id) {
        synchronized (db) {
            return Optional.ofNullable(db.galleries.get(id));
        }
    }

    @Override
    public Optional<Gallery> updateRetention(UUID id, Integer retentionDays) {
        synchronized (db) {
            Gallery gallery = db.galleries.computeIfPresent(id, (key, old) -> old.withRetentionDays(retentionDays));
            return Optional.ofNullable(gallery);
        }
    }

    @Override
    public List<Gallery> findAll() {
        synchronized (db) {
            return db.galleries.values().stream()
                    .sorted(Comparator.comparing(Gallery::name))
                    .toList();
        }
    }

    @Override
    public Optional<Deletion> delete(UUID id) {
        synchronized (db) {
            if (db.galleries.remove(id) == null) {
                return Optional.empty();
            }
            List<UUID> persons = db.persons.values().stream()
                    .filter(person -> person.galleryId().equals(id))
                    .map(person -> person.id())
                    .toList();
            List<DeletedFace> faces = new ArrayList<>();
            for (UUID personId : persons) {
                faces.addAll(db.deleteFacesOf(personId));
                db.persons.remove(personId);
            }
            return Optional.of(new Deletion(persons.size(), faces));
        }
    }
}
