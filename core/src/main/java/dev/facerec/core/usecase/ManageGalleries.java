package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.gallery.Gallery;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Creates, lists and deletes galleries. Deleting a gallery deletes its persons with their faces, the images no other
 * face refers to, and its index partition. The embedding cache holds query images only, never gallery data, so it
 * has nothing to forget.
 */
public final class ManageGalleries {
    private final GalleryRepository galleries;
    private final PersonRepository persons;
    private final FaceRepository faces;
    private final ImageCleanup images;
    private final IndexUpdates index;
    private final Clock clock;

    public ManageGalleries(
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

    /** @throws dev.facerec.core.FaceException {@code CONFLICT} if the name is taken */
    public Gallery create(String name) {
        return galleries.create(new Gallery(UUID.randomUUID(), requireNonNull(name, "name is null"), clock.instant()));
    }

    public List<Gallery> list() {
        return galleries.findAll();
    }

    /** @throws dev.facerec.core.FaceException {@code NOT_FOUND} */
    public Gallery get(UUID id) {
        return galleries.find(requireNonNull(id, "id is null")).orElseThrow(() -> NotFound.gallery(id));
    }

    /**
     * Deletes the gallery and everything in it.
     *
     * @throws dev.facerec.core.FaceException {@code NOT_FOUND}
     */
    public void delete(UUID id) {
        get(id);
        Set<String> imageKeys = new LinkedHashSet<>();
        for (Person person : allPersons(id)) {
            faces.findByPerson(person.id()).stream().map(EnrolledFace::imageKey).forEach(imageKeys::add);
            persons.delete(person.id());
        }
        galleries.delete(id);
        index.removedGallery(id);
        images.deleteUnreferenced(imageKeys);
    }

    // Collected before deleting, so that paging is not disturbed by the deletions.
    private List<Person> allPersons(UUID galleryId) {
        List<Person> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<Person> batch = persons.find(new PersonQuery(galleryId, null, null, page, PersonQuery.MAX_PAGE_SIZE));
            all.addAll(batch.items());
            if (batch.items().size() < PersonQuery.MAX_PAGE_SIZE) {
                return all;
            }
        }
    }
}
