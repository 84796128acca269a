package dev.facerec.core.face;

import dev.facerec.core.image.DecodedImage;
import java.util.List;

/** Finds faces in an image. */
public interface FaceDetector {
    /**
     * Detects every face above the detector's score threshold.
     *
     * <p>Implementations are thread-safe. An image without faces yields an empty list, never an exception. Faces are
     * ordered by descending score and overlapping detections of one face are merged (non-maximum suppression).
     * Coordinates refer to the source picture ({@code image.sourceWidth() x image.sourceHeight()}), whatever scale
     * its pixels were decoded at, never to a resized copy.
     *
     * @throws dev.facerec.core.FaceException with {@code UNAVAILABLE} if the model cannot run
     */
    List<DetectedFace> detect(DecodedImage image);

    /** The identifier of the detector model pack, e.g. {@code yunet-2026may}. */
    String modelId();
}
