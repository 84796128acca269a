package dev.facerec.core.testing;

import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.DeletedFace;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceChange;
import dev.facerec.core.person.Person;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tables behind the in-memory repositories, so that they can keep the relations a database keeps (a person's
 * faces go with it, a face needs its person). Every repository call holds this object's lock: one call, one
 * transaction.
 */
public final class InMemoryDatabase {
    final Map<UUID, Gallery> galleries = new LinkedHashMap<>();
    final Map<UUID, Person> persons = new LinkedHashMap<>();
    final Map<UUID, EnrolledFace> faces = new LinkedHashMap<>();
    final List<FaceChange> changes = new ArrayList<>();
    private long sequence;

    private final InMemoryGalleryRepository galleryRepository = new InMemoryGalleryRepository(this);
    private final InMemoryPersonRepository personRepository = new InMemoryPersonRepository(this);
    private final InMemoryFaceRepository faceRepository = new InMemoryFaceRepository(this);

    public InMemoryGalleryRepository galleries() {
        return galleryRepository;
    }

    public InMemoryPersonRepository persons() {
        return personRepository;
    }

    public InMemoryFaceRepository faces() {
        return faceRepository;
    }

    /** Empties every table and the change log. */
    public synchronized void clear() {
        galleries.clear();
        persons.clear();
        faces.clear();
        changes.clear();
    }

    void log(FaceChange.Kind kind, EnrolledFace face) {
        // Gaps in the sequence are allowed by the port; leave some to prove readers cope.
        sequence += 2;
        changes.add(new FaceChange(sequence, kind, face.galleryId(), face.personId(), face.id()));
    }

    long sequence() {
        return sequence;
    }

    List<DeletedFace> deleteFacesOf(UUID personId) {
        List<EnrolledFace> gone = faces.values().stream()
                .filter(face -> face.personId().equals(personId))
                .toList();
        for (EnrolledFace face : gone) {
            faces.remove(face.id());
            log(FaceChange.Kind.REMOVED, face);
        }
        return gone.stream().map(DeletedFace::of).toList();
    }
}
