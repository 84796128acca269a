package dev.facerec.core.recognizer;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.usecase.IndexSynchronizer;

/**
 * One recognition model ready to serve on this replica: the pipeline that embeds with it, the gallery index of its
 * embeddings and the synchronizer that keeps that index equal to the database. {@link ActiveRecognizer} switches
 * between them.
 *
 * @param index holds embeddings of {@code embedder.model()} only; the synchronizer fills it
 * @param resources closed when the recognizer is retired (the loaded models, the index's memory); never before
 */
public record Recognizer(
        ImageDecoder decoder,
        FaceDetector detector,
        FaceEmbedder embedder,
        GalleryIndex index,
        IndexSynchronizer synchronizer,
        AutoCloseable resources) {
    public Recognizer {
        requireNonNull(decoder, "decoder is null");
        requireNonNull(detector, "detector is null");
        requireNonNull(embedder, "embedder is null");
        requireNonNull(index, "index is null");
        requireNonNull(synchronizer, "synchronizer is null");
        requireNonNull(resources, "resources is null");
        if (!synchronizer.modelId().equals(embedder.model().id())) {
            throw new IllegalArgumentException("the synchronizer fills the index with " + synchronizer.modelId()
                    + " embeddings, the embedder makes " + embedder.model().id() + " ones");
        }
    }

    /** The recognition model's id, as stored with every embedding it makes. */
    public String modelId() {
        return embedder.model().id();
    }

    /** Whether its index has been loaded from the database (and so may be searched and caught up). */
    public boolean indexLoaded() {
        return synchronizer.sequence() >= 0;
    }

    @Override
    public String toString() {
        return "Recognizer[" + modelId() + "]";
    }
}
