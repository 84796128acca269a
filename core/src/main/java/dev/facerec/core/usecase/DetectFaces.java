package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;

/** Finds every face in an uploaded image. */
public final class DetectFaces {
    private final ImageDecoder decoder;
    private final FaceDetector detector;

    public DetectFaces(ImageDecoder decoder, FaceDetector detector) {
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.detector = requireNonNull(detector, "detector is null");
    }

    /**
     * Decodes and searches the image. No face is a valid answer (an empty list).
     *
     * @throws dev.facerec.core.FaceException for unreadable, unsupported or oversized images
     */
    public Detection detect(byte[] image) {
        DecodedImage decoded = decoder.decode(requireNonNull(image, "image is null"));
        return new Detection(decoded.sourceWidth(), decoded.sourceHeight(), detector.detect(decoded));
    }
}
