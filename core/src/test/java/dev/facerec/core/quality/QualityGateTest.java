package dev.facerec.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.testing.FakeFaceDetector;
import dev.facerec.core.testing.FakeImageDecoder;
import dev.facerec.core.testing.FakePhoto;
import org.junit.jupiter.api.Test;

class QualityGateTest {
    private final FakeImageDecoder decoder = new FakeImageDecoder();
    private final FakeFaceDetector detector = new FakeFaceDetector();
    private final QualityGate enrollment = new QualityGate(QualityPolicy.ENROLLMENT);

    @Test
    void aSharpFrontalLargeFacePassesWithAHighScore() {
        QualityAssessment quality = check(FakePhoto.of(300, 300).face("alice", 50, 50, 150));
        assertThat(quality.faceSize()).isEqualTo(150);
        assertThat(quality.yawDegrees()).isCloseTo(0, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(quality.rollDegrees()).isCloseTo(0, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(quality.score()).isBetween(0.95f, 1f);
    }

    @Test
    void eachCriterionRefusesWithItsReasonMeasureAndLimit() {
        assertRefused(FakePhoto.of(300, 300).face("alice", 50, 50, 30), "FACE_TOO_SMALL", 30.0, 40.0);
        assertRefused(FakePhoto.of(300, 300).face("alice", 50, 50, 150, 0.6f, false), "LOW_SCORE", 0.6, 0.8);
        assertRefused(FakePhoto.of(300, 300).face("alice", 50, 50, 150, 0.95f, true), "EXTREME_POSE", 60.255, 50.0);
        assertRefused(FakePhoto.of(300, 300).face("alice", 50, 50, 150).blurred(), "BLURRED", 0.0, 20.0);
    }

    @Test
    void theQueryPolicyIsLooser() {
        QualityGate query = new QualityGate(QualityPolicy.QUERY);
        DecodedImage image =
                decoder.decode(FakePhoto.of(300, 300).face("alice", 50, 50, 30).bytes());
        DetectedFace face = detector.detect(image).getFirst();
        assertThat(query.check(image, face).score()).isBetween(0f, 1f);
    }

    @Test
    void rollIsTheEyeLineAngle() {
        DetectedFace upright =
                detector.detect(decoder.decode(FakePhoto.portrait("alice"))).getFirst();
        var points = new java.util.ArrayList<>(upright.landmarks());
        // Lift the left eye so the eye line rises by 45 degrees.
        var right = points.get(0);
        var left = points.get(1);
        points.set(1, new dev.facerec.core.face.Point(left.x(), right.y() - (left.x() - right.x())));
        FacePose pose = FacePose.of(new DetectedFace(upright.box(), points, upright.score()));
        assertThat(pose.rollDegrees()).isCloseTo(-45f, org.assertj.core.data.Offset.offset(0.01f));
    }

    private QualityAssessment check(FakePhoto photo) {
        DecodedImage image = decoder.decode(photo.bytes());
        return enrollment.check(image, detector.detect(image).getFirst());
    }

    private void assertRefused(FakePhoto photo, String reason, double measured, double limit) {
        assertThatThrownBy(() -> check(photo)).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(FaceErrorCode.FACE_QUALITY);
            assertThat(e.details()).containsEntry("reason", reason);
            assertThat((double) e.details().get("measured"))
                    .isCloseTo(measured, org.assertj.core.data.Offset.offset(0.01));
            assertThat((double) e.details().get("limit")).isCloseTo(limit, org.assertj.core.data.Offset.offset(0.001));
        });
    }
}
