package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.FacePixels;
import dev.facerec.core.face.OperatingPoint;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.recognizer.ModelSwitch;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Decides whether two photos show the same person, using the largest face of each. */
public final class CompareFaces {
    private final ImageDecoder decoder;
    private final FaceDetector detector;
    private final FaceEmbedder embedder;

    public CompareFaces(ImageDecoder decoder, FaceDetector detector, FaceEmbedder embedder) {
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.detector = requireNonNull(detector, "detector is null");
        this.embedder = requireNonNull(embedder, "embedder is null");
    }

    /**
     * Compares the largest face of {@code source} with the largest face of {@code target}.
     *
     * @throws FaceException {@code NO_FACE} naming the image ({@code source} or {@code target}) without a face, or the
     *     decoder's errors for either image (with {@code details.image} naming which)
     */
    public Comparison compare(byte[] source, byte[] target, OperatingPoint operatingPoint) {
        requireNonNull(operatingPoint, "operatingPoint is null");
        // One model for the whole request: the recognizer may be switched while it runs.
        RecognitionModel model = embedder.model();
        LargestFace first = largestFace("source", source);
        LargestFace second = largestFace("target", target);
        Embedding a = ModelSwitch.require(model.id(), first.embed(embedder));
        Embedding b = ModelSwitch.require(model.id(), second.embed(embedder));
        float similarity = a.similarity(b);
        float threshold = model.thresholds().at(operatingPoint);
        return new Comparison(
                similarity,
                similarity >= threshold,
                threshold,
                model.id(),
                model.thresholds(),
                first.face,
                second.face);
    }

    private LargestFace largestFace(String role, byte[] bytes) {
        DecodedImage image;
        try {
            image = decoder.decode(requireNonNull(bytes, role + " is null"));
        } catch (FaceException e) {
            if (e.code() == FaceErrorCode.REQUEST_TIMEOUT) {
                // About the request, not about this image.
                throw e;
            }
            throw new FaceException(
                    e.code(), "The " + role + " image: " + e.getMessage(), withImage(e.details(), role), e);
        }
        List<DetectedFace> faces = detector.detect(image);
        DetectedFace largest = faces.stream()
                .max(Comparator.comparingDouble(face -> face.box().area()))
                .orElseThrow(() -> new FaceException(
                        FaceErrorCode.NO_FACE,
                        "No face was found in the " + role + " image. Use a photo where the face is visible, upright"
                                + " and at least about 20 pixels wide.",
                        Map.of("image", role)));
        return new LargestFace(FacePixels.of(image, List.of(largest)).forFace(largest), largest);
    }

    private static Map<String, Object> withImage(Map<String, Object> details, String role) {
        var merged = new java.util.LinkedHashMap<>(details);
        merged.put("image", role);
        return merged;
    }

    private record LargestFace(DecodedImage image, DetectedFace face) {
        Embedding embed(FaceEmbedder embedder) {
            return embedder.embed(image, List.of(face)).getFirst();
        }
    }
}
