package dev.facerec.core.usecase;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.store.ImageStore;

/**
 * The step a write that makes faces refer to an image runs under the face write lock (an enrolment's
 * {@link dev.facerec.core.person.FaceRepository#add}, key rotation's
 * {@link dev.facerec.core.crypto.EncryptedFaces#replaceImage}). Identical photos share one stored image, so between
 * the writer's store and its lock a deleter may have found the image unreferenced and removed it; under the lock no
 * deleter can, so storing it again there is final.
 */
final class SharedImages {
    private SharedImages() {}

    /**
     * Stores the bytes again if nothing is stored under {@code key} any more: one existence check, and one store only
     * when the image is missing.
     *
     * @throws FaceException {@code UNAVAILABLE} if the store now names the bytes differently (another encryption key),
     *     so the faces would point at nothing; what the store throws, as it is
     */
    static void storeAgainIfDeleted(ImageStore images, String key, byte[] bytes, String mediaType) {
        if (images.contains(key)) {
            return;
        }
        if (!images.put(bytes, mediaType).equals(key)) {
            throw new FaceException(
                    FaceErrorCode.UNAVAILABLE,
                    "The image store names this image differently now (the encryption key changed). Try again.");
        }
    }
}
