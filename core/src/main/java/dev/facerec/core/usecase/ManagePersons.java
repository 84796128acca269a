package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.store.ImageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates, finds, changes and deletes persons. Deleting a person deletes its faces and their unshared images. */
public final class ManagePersons {
    private final GalleryRepository galleries;
    private final PersonRepository persons;
    private final FaceRepository faces;
    private final ImageCleanup images;
    private final IndexUpdates index;
    private final Clock clock;

    public ManagePersons(
            GalleryRepository galleries,
            PersonRepository persons,
            FaceRepository faces,
            ImageStore images,
            GalleryIndex index,
            Clock clock) {
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.persons = requireNonNull(persons, "persons is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.images = new ImageCleanup(faces, images);
        this.index = new IndexUpdates(index);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @throws FaceException {@code NOT_FOUND} if the gallery does not exist, {@code CONFLICT} if the external id is
     *     taken in the gallery, {@code INVALID_REQUEST} if a field is out of bounds
     */
    public Person create(NewPerson request) {
        requireNonNull(request, "request is null");
        galleries.find(request.galleryId()).orElseThrow(() -> NotFound.gallery(request.galleryId()));
        Instant now = clock.instant();
        Person person = valid(() -> new Person(
                UUID.randomUUID(),
                request.galleryId(),
                request.name(),
                request.externalId(),
                request.metadata() == null ? "{}" : request.metadata(),
                now,
                now));
        return persons.create(person);
    }

    public Page<Person> list(PersonQuery query) {
        return persons.find(requireNonNull(query, "query is null"));
    }

    /** @throws FaceException {@code NOT_FOUND} */
    public Person get(UUID id) {
        return persons.find(requireNonNull(id, "id is null")).orElseThrow(() -> NotFound.person(id));
    }

    /** @throws FaceException {@code NOT_FOUND}, {@code CONFLICT} on a taken external id, {@code INVALID_REQUEST} */
    public Person update(UUID id, PersonChanges changes) {
        requireNonNull(changes, "changes is null");
        Person current = get(id);
        String externalId = changes.externalId() == null
                ? current.externalId()
                : changes.externalId().isEmpty() ? null : changes.externalId();
        Person updated = valid(() -> new Person(
                current.id(),
                current.galleryId(),
                changes.name() == null ? current.name() : changes.name(),
                externalId,
                changes.metadata() == null ? current.metadata() : changes.metadata(),
                current.createdAt(),
                clock.instant()));
        return persons.update(updated);
    }

    /**
     * Deletes the person, its faces, the images no other face refers to, and its index entries.
     *
     * @throws FaceException {@code NOT_FOUND}
     */
    public void delete(UUID id) {
        Person person = get(id);
        List<EnrolledFace> enrolled = faces.findByPerson(id);
        if (!persons.delete(id)) {
            throw NotFound.person(id);
        }
        enrolled.forEach(face -> index.removed(person.galleryId(), face.id()));
        images.deleteUnreferenced(
                enrolled.stream().map(EnrolledFace::imageKey).distinct().toList());
    }

    private static Person valid(java.util.function.Supplier<Person> person) {
        try {
            return person.get();
        } catch (IllegalArgumentException e) {
            throw new FaceException(FaceErrorCode.INVALID_REQUEST, e.getMessage() + ".", Map.of(), e);
        }
    }
}
