package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import java.util.List;
import java.util.UUID;

/** Deletes one enrolled face, its index entry and its image when no other face shares it. */
public final class DeleteFace {
    private final FaceRepository faces;
    private final ImageCleanup images;
    private final IndexUpdates index;

    public DeleteFace(FaceRepository faces, ImageStore images, GalleryIndex index) {
        this.faces = requireNonNull(faces, "faces is null");
        this.images = new ImageCleanup(faces, images);
        this.index = new IndexUpdates(index);
    }

    /** @throws dev.facerec.core.FaceException {@code NOT_FOUND} if the person has no such face */
    public void delete(UUID personId, UUID faceId) {
        EnrolledFace face = ListFaces.faceOf(faces, personId, faceId);
        faces.delete(faceId).orElseThrow(() -> NotFound.face(faceId));
        index.removed(face.galleryId(), faceId);
        images.deleteUnreferenced(List.of(face.imageKey()));
    }
}
