package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.quality.QualityPolicy;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which detected face a photo is about when a person is enrolled from it: the photo must show exactly one usable
 * face, and a face counts only if it could be enrolled by size ({@link QualityPolicy#minFaceSize()}) and is not
 * background beside the subject.
 *
 * <p>Background: a face narrower than {@code backgroundRatio} times the widest face. Portraits often catch a
 * passer-by or a poster behind the subject: on lfw-dev 712 of 6157 photos show a second face of at least 40 px, and
 * with this rule 409 of them are enrolled, each with the face nearest the centre, the subject ({@code make
 * eval-enrollment}; 94.7% of all the photos enrolled against 88.1% when every second face refuses the photo). Faces of
 * similar size are never guessed between: the answer is {@code MULTIPLE_FACES} with their boxes, and the client sends
 * one of them back as {@code box} to say which face to enrol.
 */
public final class SubjectFace {
    /** Default: other faces under 0.7 times the widest face's width are background. */
    public static final double DEFAULT_BACKGROUND_RATIO = 0.7;

    /** A requested box must overlap a detected face this much (intersection over union) to choose it. */
    static final float MIN_BOX_OVERLAP = 0.5f;

    private final QualityPolicy policy;
    private final double backgroundRatio;

    /**
     * @param backgroundRatio in [0, 1]; 0 counts every face of enrollable size as a second person (the strictest
     *     rule), 1 ignores every face narrower than the widest
     */
    public SubjectFace(QualityPolicy policy, double backgroundRatio) {
        this.policy = requireNonNull(policy, "policy is null");
        if (!(backgroundRatio >= 0 && backgroundRatio <= 1)) {
            throw new IllegalArgumentException("the background face ratio must be in [0, 1]: " + backgroundRatio);
        }
        this.backgroundRatio = backgroundRatio;
    }

    /**
     * The face to enrol among those found.
     *
     * @param requested the box the client chose (from an earlier {@code MULTIPLE_FACES} answer), if any
     * @throws FaceException {@code NO_FACE} when nothing was found or nothing matches the requested box;
     *     {@code MULTIPLE_FACES} with {@code details.boxes} when faces of similar size compete
     */
    public DetectedFace pick(List<DetectedFace> found, Optional<BoundingBox> requested) {
        if (found.isEmpty()) {
            throw new FaceException(
                    FaceErrorCode.NO_FACE,
                    "No face was found in the image. Use a photo where the face is visible, upright and at least "
                            + policy.minFaceSize() + " pixels wide.");
        }
        if (requested.isPresent()) {
            return matching(found, requested.get());
        }
        List<DetectedFace> usable = found.stream()
                .filter(face -> Math.min(face.box().width(), face.box().height()) >= policy.minFaceSize())
                .sorted(Comparator.comparingDouble(
                                (DetectedFace face) -> face.box().area())
                        .reversed())
                .toList();
        if (usable.isEmpty()) {
            // Only small faces: the largest goes to the quality gate, which says it is too small.
            return found.stream()
                    .max(Comparator.comparingDouble(face -> face.box().area()))
                    .orElseThrow();
        }
        DetectedFace widest = usable.getFirst();
        List<DetectedFace> competing = usable.stream()
                .filter(face -> face == widest
                        || face.box().width() >= backgroundRatio * widest.box().width())
                .toList();
        if (competing.size() > 1) {
            throw new FaceException(
                    FaceErrorCode.MULTIPLE_FACES,
                    competing.size() + " faces of similar size were found, so it is not clear whom to enrol. Crop the"
                            + " photo to the person's face, or send the face's box (one of details.boxes, as"
                            + " \"x,y,width,height\") in the form field 'box'.",
                    Map.of("faceCount", competing.size(), "boxes", boxes(competing)));
        }
        return widest;
    }

    private static DetectedFace matching(List<DetectedFace> found, BoundingBox requested) {
        DetectedFace best = found.stream()
                .max(Comparator.comparingDouble(face -> face.box().iou(requested)))
                .orElseThrow();
        if (best.box().iou(requested) < MIN_BOX_OVERLAP) {
            throw new FaceException(
                    FaceErrorCode.NO_FACE,
                    "No face found in the image matches the requested box; details.boxes lists the faces found.",
                    Map.of("faceCount", found.size(), "boxes", boxes(found)));
        }
        return best;
    }

    private static List<Map<String, Object>> boxes(List<DetectedFace> faces) {
        return faces.stream().map(face -> box(face.box())).toList();
    }

    static Map<String, Object> box(BoundingBox box) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("x", box.x());
        map.put("y", box.y());
        map.put("width", box.width());
        map.put("height", box.height());
        return map;
    }
}
