package dev.facerec.core.face;

import dev.facerec.core.image.DecodedImage;
import java.util.List;

/** Turns detected faces into embeddings: alignment from the landmarks, then the recognition model. */
public interface FaceEmbedder {
    /**
     * Embeds each face of {@code image}, in the order given. Several faces are processed as a batch where the model
     * allows it. The result has exactly one embedding per face; an empty list gives an empty list.
     *
     * <p>Implementations are thread-safe and bound their own use of CPU or GPU, so callers may invoke this from
     * many threads at once.
     */
    List<Embedding> embed(DecodedImage image, List<DetectedFace> faces);

    /** What the recognition model is and where its decision thresholds lie. */
    RecognitionModel model();
}
