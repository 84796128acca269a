package dev.facerec.ml.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.OperatingPoint;
import dev.facerec.core.usecase.CompareFaces;
import dev.facerec.core.usecase.Comparison;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.SharedFixtures;
import org.junit.jupiter.api.Test;

class CompareFacesIT {
    private static final String SAME_A = "lfw-dev/images/Abel_Pacheco/Abel_Pacheco_0001.jpg";
    private static final String SAME_B = "lfw-dev/images/Abel_Pacheco/Abel_Pacheco_0004.jpg";
    private static final String OTHER = "lfw-dev/images/Akhmed_Zakayev/Akhmed_Zakayev_0001.jpg";

    private static CompareFaces compare(FaceEngine engine) {
        return new CompareFaces(engine.decoder(), engine.detector(), engine.embedder());
    }

    @Test
    void samePersonMatchesAndDifferentPeopleDoNot() {
        FaceEngine engine = SharedFixtures.defaultEngine();
        Comparison same = compare(engine)
                .compare(SharedFixtures.read(SAME_A), SharedFixtures.read(SAME_B), OperatingPoint.STANDARD);
        Comparison different = compare(engine)
                .compare(SharedFixtures.read(SAME_A), SharedFixtures.read(OTHER), OperatingPoint.STANDARD);

        assertThat(same.match()).isTrue();
        assertThat(different.match()).isFalse();
        assertThat(same.similarity()).isGreaterThan(different.similarity() + 0.2f);
        assertThat(same.modelId()).isEqualTo("faceplugin-512");
        assertThat(same.threshold())
                .isEqualTo(engine.embedder().model().thresholds().standard());
    }

    @Test
    void theSameImageIsMaximallySimilarToItself() {
        Comparison self = compare(SharedFixtures.defaultEngine())
                .compare(SharedFixtures.read(SAME_A), SharedFixtures.read(SAME_A), OperatingPoint.STRICT);
        assertThat(self.similarity()).isGreaterThan(0.999f);
        assertThat(self.match()).isTrue();
    }

    @Test
    void aPhotoWithoutAFaceIsRefusedNamingWhichImage() {
        assertThatThrownBy(() -> compare(SharedFixtures.defaultEngine())
                        .compare(
                                SharedFixtures.read(SAME_A),
                                SharedFixtures.read("detection/no-face/opencv_fruits.jpg"),
                                OperatingPoint.STANDARD))
                .isInstanceOfSatisfying(FaceException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaceErrorCode.NO_FACE);
                    assertThat(e.details()).containsEntry("image", "target");
                });
    }

    @Test
    void theSecondPackIsSelectedByConfigurationAndWorks() {
        MlConfig config = MlConfig.defaults(SharedFixtures.models()).withRecognizerPack("mobilefacenet-128");
        try (FaceEngine engine = FaceEngine.start(config)) {
            Comparison same = compare(engine)
                    .compare(SharedFixtures.read(SAME_A), SharedFixtures.read(SAME_B), OperatingPoint.STANDARD);
            Comparison different = compare(engine)
                    .compare(SharedFixtures.read(SAME_A), SharedFixtures.read(OTHER), OperatingPoint.STANDARD);
            assertThat(engine.embedder().model().embeddingSize()).isEqualTo(128);
            assertThat(same.modelId()).isEqualTo("mobilefacenet-128");
            assertThat(same.match()).isTrue();
            assertThat(different.match()).isFalse();
        }
    }
}
