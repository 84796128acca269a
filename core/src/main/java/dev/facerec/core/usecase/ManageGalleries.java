package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.cache.EmbeddingCache;
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
import java.util.List;
import java.util.UUID;

/**
 * Creates, lists and erases galleries. Erasing a gallery deletes its persons with their faces, the images no other
 * face refers to, its index partition, and the embedding cache entries of its photos: the cache holds query images,
 * and an enrolled photo may have been sent as a query too.
 */
public final class ManageGalleries {
    private final GalleryRepository galleries;
    private final PersonRepository persons;
    private final FaceRepository faces;
    private final Erasure erasure;
    private final Clock clock;

    /** @param queryModelId the recognition model query images are analysed (and cached) with */
    public ManageGalleries(
            GalleryRepository galleries,
            PersonRepository persons,
            FaceRepository faces,
            ImageStore images,
            GalleryIndex index,
            EmbeddingCache cache,
            String queryModelId,
            Clock clock) {
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.persons = requireNonNull(persons, "persons is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.erasure = new Erasure(faces, images, index, cache, queryModelId, clock);
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
     * Erases the gallery and everything in it, person by person (each deletion logs the removal of its faces for the
     * other replicas), then the gallery row and its whole index partition.
     *
     * @throws dev.facerec.core.FaceException {@code NOT_FOUND}
     */
    public ErasureReceipt delete(UUID id) {
        get(id);
        List<EnrolledFace> deleted = new ArrayList<>();
        int personsDeleted = 0;
        for (Person person : allPersons(id)) {
            List<EnrolledFace> enrolled = faces.findByPerson(person.id());
            if (persons.delete(person.id())) {
                personsDeleted++;
                deleted.addAll(enrolled);
            }
        }
        // Not found only when a concurrent erasure of the same gallery got there first: the persons deleted above
        // still need their cleanup and receipt.
        galleries.delete(id);
        return erasure.erased(new ErasureReceipt.Subject(ErasureReceipt.Type.GALLERY, id), personsDeleted, deleted, id);
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
