package dev.facerec.core.face;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One face found by a {@link FaceDetector}.
 *
 * @param box the face box in the coordinates of the (orientation-corrected) image
 * @param landmarks exactly five points in this order: the subject's right eye, left eye, nose tip, right mouth
 *     corner, left mouth corner (so in the image, left to right for a frontal face)
 * @param score detection confidence in [0, 1]
 */
public record DetectedFace(BoundingBox box, List<Point> landmarks, float score) {
    public static final int LANDMARK_COUNT = 5;

    public DetectedFace {
        requireNonNull(box, "box is null");
        landmarks = List.copyOf(requireNonNull(landmarks, "landmarks is null"));
        if (landmarks.size() != LANDMARK_COUNT) {
            throw new IllegalArgumentException("a face has 5 landmarks, got " + landmarks.size());
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
    }
}
