package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.person.PersonRepository;
import java.util.Optional;
import java.util.UUID;

/**
 * The faces enrolled for a person, or in a whole gallery, oldest first, for the callers who may use the gallery.
 */
public final class ListFaces {
    private final GalleryAccess access;
    private final GalleryRepository galleries;
    private final PersonRepository persons;
    private final FaceRepository faces;

    public ListFaces(
            GalleryAccess access, GalleryRepository galleries, PersonRepository persons, FaceRepository faces) {
        this.access = requireNonNull(access, "access is null");
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.persons = requireNonNull(persons, "persons is null");
        this.faces = requireNonNull(faces, "faces is null");
    }

    /**
     * @throws dev.facerec.core.FaceException {@code NOT_FOUND} if the person does not exist, {@code FORBIDDEN} if its
     *     gallery is restricted to other callers than {@code actor}
     */
    public Page<EnrolledFace> list(Actor actor, UUID personId, PageRequest page) {
        requireNonNull(actor, "actor is null");
        requireNonNull(page, "page is null");
        var person =
                persons.find(requireNonNull(personId, "personId is null")).orElseThrow(() -> NotFound.person(personId));
        access.check(actor, person.galleryId());
        return faces.findByPerson(personId, page);
    }

    /**
     * One page of every face in the gallery, oldest first, of every person.
     *
     * @throws dev.facerec.core.FaceException {@code FORBIDDEN} if the gallery is restricted to other callers than
     *     {@code actor}, {@code NOT_FOUND} if it does not exist
     */
    public Page<EnrolledFace> listGallery(Actor actor, UUID galleryId, PageRequest page) {
        requireNonNull(page, "page is null");
        access.check(actor, requireNonNull(galleryId, "galleryId is null"));
        galleries.find(galleryId).orElseThrow(() -> NotFound.gallery(galleryId));
        return faces.findByGallery(galleryId, page);
    }

    /**
     * The face with this id if it is in the gallery; a face of another gallery is as good as missing.
     *
     * @throws dev.facerec.core.FaceException {@code FORBIDDEN} if the gallery is restricted and does not name {@code
     *     actor}
     */
    public Optional<EnrolledFace> find(Actor actor, UUID galleryId, UUID faceId) {
        access.check(actor, requireNonNull(galleryId, "galleryId is null"));
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
