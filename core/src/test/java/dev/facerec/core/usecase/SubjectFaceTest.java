package dev.facerec.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Point;
import dev.facerec.core.quality.QualityPolicy;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The subject rule on its own, at the edges of its ratio. */
class SubjectFaceTest {
    private static final SubjectFace DEFAULT =
            new SubjectFace(QualityPolicy.ENROLLMENT, SubjectFace.DEFAULT_BACKGROUND_RATIO);

    @Test
    void theWidestFaceIsTheSubjectWhenEveryOtherIsUnderTheRatio() {
        DetectedFace subject = face(10, 100);
        assertThat(DEFAULT.pick(List.of(face(300, 69), subject, face(200, 45)), Optional.empty()))
                .isSameAs(subject);
    }

    @Test
    void aFaceAtTheRatioCompetesAndBothBoxesAreGivenWidestFirst() {
        FaceException refused = (FaceException) org.assertj.core.api.Assertions.catchThrowable(
                () -> DEFAULT.pick(List.of(face(300, 70), face(10, 100), face(200, 45)), Optional.empty()));

        assertThat(refused.code()).isEqualTo(FaceErrorCode.MULTIPLE_FACES);
        assertThat(refused.details()).containsEntry("faceCount", 2);
        assertThat(refused.details().get("boxes").toString()).startsWith("[{x=10.0, y=10.0, width=100.0");
        assertThat(refused.getMessage()).contains("form field 'box'");
    }

    @Test
    void ratioZeroCountsEveryFaceOfEnrollableSize() {
        SubjectFace strict = new SubjectFace(QualityPolicy.ENROLLMENT, 0);

        assertThatThrownBy(() -> strict.pick(List.of(face(10, 100), face(300, 40)), Optional.empty()))
                .isInstanceOf(FaceException.class)
                .extracting(e -> ((FaceException) e).code())
                .isEqualTo(FaceErrorCode.MULTIPLE_FACES);
        assertThat(strict.pick(List.of(face(10, 100), face(300, 39)), Optional.empty())
                        .box()
                        .width())
                .as("under the gate's minimum size is never a person")
                .isEqualTo(100);
    }

    @Test
    void onlyTinyFacesGiveTheLargestToTheGate() {
        assertThat(DEFAULT.pick(List.of(face(10, 20), face(100, 30)), Optional.empty())
                        .box()
                        .width())
                .isEqualTo(30);
    }

    @Test
    void aRequestedBoxChoosesTheFaceItOverlapsMostEvenASmallOne() {
        DetectedFace small = face(300, 45);
        assertThat(DEFAULT.pick(List.of(face(10, 100), small), Optional.of(new BoundingBox(302, 12, 44, 44))))
                .isSameAs(small);
    }

    @Test
    void refusesAnImpossibleRatio() {
        assertThatThrownBy(() -> new SubjectFace(QualityPolicy.ENROLLMENT, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubjectFace(QualityPolicy.ENROLLMENT, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DetectedFace face(float x, float size) {
        return new DetectedFace(
                new BoundingBox(x, 10, size, size),
                Collections.nCopies(DetectedFace.LANDMARK_COUNT, new Point(x, 10)),
                0.9f);
    }
}
