package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import java.util.Map;
import java.util.UUID;

/** The photo a face was enrolled from, as uploaded, for the callers who may use the person's gallery. */
public final class FaceImage {
    private final GalleryAccess access;
    private final FaceRepository faces;
    private final ImageStore images;

    public FaceImage(GalleryAccess access, FaceRepository faces, ImageStore images) {
        this.access = requireNonNull(access, "access is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.images = requireNonNull(images, "images is null");
    }

    /**
     * @throws FaceException {@code FORBIDDEN} if the person's gallery is restricted to other callers than
     *     {@code actor}, {@code NOT_FOUND} if the person has no such face, {@code UNAVAILABLE} if the row exists but
     *     the store has lost the image (a fault to report, not a client error)
     */
    public StoredImage get(Actor actor, UUID personId, UUID faceId) {
        access.checkPerson(actor, requireNonNull(personId, "personId is null"));
        EnrolledFace face = ListFaces.faceOf(faces, personId, faceId);
        byte[] bytes = images.get(face.imageKey())
                .orElseThrow(() -> new FaceException(
                        FaceErrorCode.UNAVAILABLE,
                        "The image of face " + faceId + " is missing from the image store.",
                        Map.of("faceId", faceId.toString())));
        return new StoredImage(bytes, ImageMediaType.sniff(bytes));
    }

    /** Image bytes with the media type recognised from them. */
    public record StoredImage(byte[] bytes, String mediaType) {
        public StoredImage {
            requireNonNull(bytes, "bytes is null");
            requireNonNull(mediaType, "mediaType is null");
        }
    }
}
