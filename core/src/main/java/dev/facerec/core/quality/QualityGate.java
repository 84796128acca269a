package dev.facerec.core.quality;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.image.DecodedImage;
import java.util.Map;

/**
 * Measures a face and refuses it when it falls short of a {@link QualityPolicy}, checking size, detection score, pose
 * and sharpness in that order (the cheapest first; sharpness reads pixels).
 *
 * <p>The stored quality score is the mean of four terms, each in [0, 1]: the face size over 112 px (the recognizer's
 * input side; larger counts as 1), the detection score, the pose term {@code 1 - max(|yaw|, |roll|) / 90}, and the
 * sharpness over {@value #SHARP_REFERENCE} (about the median of LFW faces, 134; sharper counts as 1). Higher is better;
 * it ranks a person's faces and is not a probability.
 */
public final class QualityGate {
    static final float SHARP_REFERENCE = 150;
    private static final float RECOGNIZER_SIDE = 112;

    private final QualityPolicy policy;

    public QualityGate(QualityPolicy policy) {
        this.policy = requireNonNull(policy, "policy is null");
    }

    public QualityPolicy policy() {
        return policy;
    }

    /** Measures every criterion without judging. */
    public QualityAssessment measure(DecodedImage image, DetectedFace face) {
        requireNonNull(image, "image is null");
        requireNonNull(face, "face is null");
        float size = Math.min(face.box().width(), face.box().height());
        FacePose pose = FacePose.of(face);
        float sharpness = Sharpness.of(image, face.box());
        return new QualityAssessment(
                size,
                face.score(),
                pose.yawDegrees(),
                pose.rollDegrees(),
                sharpness,
                score(size, face, pose, sharpness));
    }

    /**
     * Measures the face and returns the assessment if it meets the policy.
     *
     * @throws FaceException {@code FACE_QUALITY} with {@code details.reason} one of {@code FACE_TOO_SMALL},
     *     {@code LOW_SCORE}, {@code EXTREME_POSE}, {@code BLURRED}, and the {@code measured} value and its
     *     {@code limit}
     */
    public QualityAssessment check(DecodedImage image, DetectedFace face) {
        requireNonNull(face, "face is null");
        float size = Math.min(face.box().width(), face.box().height());
        if (size < policy.minFaceSize()) {
            throw refused(
                    "FACE_TOO_SMALL",
                    size,
                    policy.minFaceSize(),
                    "The face is too small: " + Math.round(size) + " px, at least " + policy.minFaceSize()
                            + " px are needed. Use a closer or larger photo.");
        }
        if (face.score() < policy.minDetectionScore()) {
            throw refused(
                    "LOW_SCORE",
                    face.score(),
                    policy.minDetectionScore(),
                    "The face is not clearly visible (detection score " + face.score() + "). Use a photo where the"
                            + " whole face is visible and well lit.");
        }
        FacePose pose = FacePose.of(face);
        if (Math.abs(pose.yawDegrees()) > policy.maxYawDegrees()) {
            throw refused(
                    "EXTREME_POSE",
                    Math.abs(pose.yawDegrees()),
                    policy.maxYawDegrees(),
                    "The head is turned too far to the side. Use a photo facing the camera.");
        }
        if (Math.abs(pose.rollDegrees()) > policy.maxRollDegrees()) {
            throw refused(
                    "EXTREME_POSE",
                    Math.abs(pose.rollDegrees()),
                    policy.maxRollDegrees(),
                    "The head is tilted too far. Use an upright photo.");
        }
        float sharpness = Sharpness.of(requireNonNull(image, "image is null"), face.box());
        if (sharpness < policy.minSharpness()) {
            throw refused("BLURRED", sharpness, policy.minSharpness(), "The face is too blurred. Use a sharper photo.");
        }
        return new QualityAssessment(
                size,
                face.score(),
                pose.yawDegrees(),
                pose.rollDegrees(),
                sharpness,
                score(size, face, pose, sharpness));
    }

    private static float score(float size, DetectedFace face, FacePose pose, float sharpness) {
        float sizeTerm = Math.min(1, size / RECOGNIZER_SIDE);
        float poseTerm = Math.max(0, 1 - Math.max(Math.abs(pose.yawDegrees()), Math.abs(pose.rollDegrees())) / 90);
        float sharpTerm = Math.min(1, sharpness / SHARP_REFERENCE);
        return (sizeTerm + face.score() + poseTerm + sharpTerm) / 4;
    }

    private static FaceException refused(String reason, float measured, float limit, String message) {
        return new FaceException(
                FaceErrorCode.FACE_QUALITY,
                message,
                Map.of("reason", reason, "measured", round(measured), "limit", round(limit)));
    }

    private static double round(float value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
