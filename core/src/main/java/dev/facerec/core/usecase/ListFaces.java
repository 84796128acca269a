package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.person.PersonRepository;
import java.util.Optional;
import java.util.UUID;

/** The faces enrolled for a person, or in a whole gallery, oldest first. */
public final class ListFaces {
    private final GalleryRepository galleries;
    private final PersonRepository persons;
    private final FaceRepository faces;

    public ListFaces(GalleryRepository galleries, PersonRepository persons, FaceRepository faces) {
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.persons = requireNonNull(persons, "persons is null");
        this.faces = requireNonNull(faces, "faces is null");
    }

    /** @throws dev.facerec.core.FaceException {@code NOT_FOUND} if the person does not exist */
    public Page<EnrolledFace> list(UUID personId, PageRequest page) {
        requireNonNull(page, "page is null");
        persons.find(requireNonNull(personId, "personId is null")).orElseThrow(() -> NotFound.person(personId));
        return faces.findByPerson(personId, page);
    }

    /**
     * One page of every face in the gallery, oldest first, of every person.
     *
     * @throws dev.facerec.core.FaceException {@code NOT_FOUND} if the gallery does not exist
     */
    public Page<EnrolledFace> listGallery(UUID galleryId, PageRequest page) {
        requireNonNull(page, "page is null");
        galleries.find(requireNonNull(galleryId, "galleryId is null")).orElseThrow(() -> NotFound.gallery(galleryId));
        return faces.findByGallery(galleryId, page);
    }

    /** The face with this id if it is in the gallery; a face of another gallery is as good as missing. */
    public Optional<EnrolledFace> find(UUID galleryId, UUID faceId) {
        requireNonNull(galleryId, "galleryId is null");
        return faces.find(requireNonNull(faceId, "faceId is null"))
                .filter(face -> face.galleryId().equals(galleryId));
    }

    /** The face, if it exists and belongs to the person; a face of another person is as good as missing. */
    static EnrolledFace faceOf(FaceRepository faces, UUID personId, UUID faceId) {
        requireNonNull(personId, "personId is null");
        return faces.find(requireNonNull(faceId, "faceId is null"))
                .filter(face -> face.personId().equals(personId))
                .orElseThrow(() -> NotFound.face(faceId));
    }
}
