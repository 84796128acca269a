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

    void deleteUnreferenced(Collection<String> imageKeys) {
        for (String key : imageKeys) {
            try {
                deleteIfUnreferenced(key);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "Could not delete the unreferenced image " + key + "; it stays as an orphan", e);
            }
        }
    }

    /** Throws on failure, for the compensation path that adds it to the original failure. */
    void deleteIfUnreferenced(String key) {
        if (!faces.isImageReferenced(key)) {
            images.delete(key);
        }
    }
}
