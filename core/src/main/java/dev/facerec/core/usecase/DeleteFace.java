package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.DeletedFace;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Erases one enrolled face: its row, its index entry, its image when no other face shares it, and the cached query
 * results for its photo. A face is biometric data on its own, so withdrawing one photo gets a receipt like erasing a
 * whole person. Raises {@link dev.facerec.core.event.FacesErased} once the row is deleted and cleaned up after.
 */
public final class DeleteFace {
    private final GalleryAccess access;
    private final FaceRepository faces;
    private final Erasure erasure;

    /** @param queryModel the recognition model query images are analysed (and cached) with now */
    public DeleteFace(
            GalleryAccess access,
            FaceRepository faces,
            ImageStore images,
            GalleryIndex index,
            EmbeddingCache cache,
            Supplier<String> queryModel,
            Clock clock,
            DomainEvents events) {
        this.access = requireNonNull(access, "access is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.erasure = new Erasure(faces, images, index, cache, queryModel, clock, events);
    }

    /**
     * @throws dev.facerec.core.FaceException {@code FORBIDDEN} if the person's gallery is restricted to other callers
     *     than {@code actor}, {@code NOT_FOUND} if the person has no such face
     */
    public ErasureReceipt delete(Actor actor, UUID personId, UUID faceId) {
        access.checkPerson(actor, requireNonNull(personId, "personId is null"));
        EnrolledFace face = ListFaces.faceOf(faces, personId, faceId);
        faces.delete(faceId).orElseThrow(() -> NotFound.face(faceId));
        return erasure.erased(
                new ErasureReceipt.Subject(ErasureReceipt.Type.FACE, faceId), 0, List.of(DeletedFace.of(face)), null);
    }
}
