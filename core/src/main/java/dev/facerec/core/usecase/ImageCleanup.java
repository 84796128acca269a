package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import java.lang.System.Logger.Level;
import java.util.Collection;

/**
 * Deletes stored images that no face refers to any more. Images are content-addressed and shared between faces with
 * identical bytes, so an image goes only when the last reference has. A failure leaves an orphan image (wasted bytes,
 * never a dangling face) and is logged, not thrown: the rows are already gone and the caller's request succeeded.
 */
final class ImageCleanup {
    private static final System.Logger log = System.getLogger(ImageCleanup.class.getName());

    private final FaceRepository faces;
    private final ImageStore images;

    ImageCleanup(FaceRepository faces, ImageStore images) {
        this.faces = requireNonNull(faces, "faces is null");
        this.images = requireNonNull(images, "images is null");
    }

    /** Deletes each image that no face refers to any more; says what became of them, for an erasure receipt. */
    Outcome deleteUnreferenced(Collection<String> imageKeys) {
        int deleted = 0;
        int kept = 0;
        int failed = 0;
        for (String key : imageKeys) {
            try {
                if (deleteIfUnreferenced(key)) {
                    deleted++;
                } else {
                    kept++;
                }
            } catch (RuntimeException e) {
                failed++;
                log.log(Level.WARNING, "Could not delete the unreferenced image " + key + "; it stays as an orphan", e);
            }
        }
        return new Outcome(deleted, kept, failed);
    }

    /**
     * Throws on failure, for the compensation path that adds it to the original failure. Returns whether the image
     * was unreferenced and therefore deleted. The check and the delete run under the face write lock (see
     * {@link FaceRepository#deleteImageIfUnreferenced}): an enrolment of the same bytes either commits first, and the
     * image stays, or stores the image again after this delete.
     */
    boolean deleteIfUnreferenced(String key) {
        return faces.deleteImageIfUnreferenced(key, images::delete);
    }

    /**
     * @param deleted images deleted from the store
     * @param kept images another face still refers to (content addressing shares identical uploads, such as a group
     *     photo enrolled for two persons)
     * @param failed images whose deletion failed; the orphan sweeper deletes them later
     */
    record Outcome(int deleted, int kept, int failed) {}
}
