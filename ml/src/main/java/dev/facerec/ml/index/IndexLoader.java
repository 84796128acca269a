package dev.facerec.ml.index;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.FaceRepository;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fills an index from the database at start-up, logging progress, since a million faces take a while to stream. */
public final class IndexLoader {
    private static final Logger LOG = LoggerFactory.getLogger(IndexLoader.class);
    private static final long PROGRESS_EVERY = 50_000;

    private IndexLoader() {}

    /**
     * Adds every face of the model to the index.
     *
     * @return the change-log sequence the loaded faces are consistent with: replay changes after it
     */
    public static long load(FaceRepository faces, String modelId, GalleryIndex index) {
        requireNonNull(faces, "faces is null");
        requireNonNull(modelId, "modelId is null");
        requireNonNull(index, "index is null");
        long started = System.nanoTime();
        long[] loaded = {0};
        LOG.info("Loading the gallery index for model {}", modelId);
        long sequence = faces.forEachFace(modelId, face -> {
            index.add(face.galleryId(), face.personId(), face.id(), face.embedding());
            if (++loaded[0] % PROGRESS_EVERY == 0) {
                LOG.info("Gallery index for model {}: {} faces loaded", modelId, loaded[0]);
            }
        });
        LOG.info(
                "Gallery index for model {}: {} faces loaded in {} ms, {} MiB on the heap, at change {}",
                modelId,
                loaded[0],
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                index.memoryBytes() >> 20,
                sequence);
        return sequence;
    }
}
