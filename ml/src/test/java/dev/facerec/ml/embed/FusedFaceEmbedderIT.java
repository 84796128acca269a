package dev.facerec.ml.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.OperatingPoint;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.usecase.CompareFaces;
import dev.facerec.core.usecase.Comparison;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.SharedFixtures;
import dev.facerec.ml.pack.ModelPack;
import dev.facerec.ml.pack.ModelPacks;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in fused pack through the normal configuration ({@link MlConfig#recognizerPack}), on real photos: its
 * embedding is the weighted concatenation of what each member pack, started on its own, gives the same face.
 */
class FusedFaceEmbedderIT {
    private static final String FUSION = "fusion-640";
    private static final String SAME_A = "lfw-dev/images/Abel_Pacheco/Abel_Pacheco_0001.jpg";
    private static final String SAME_B = "lfw-dev/images/Abel_Pacheco/Abel_Pacheco_0004.jpg";
    private static final String OTHER = "lfw-dev/images/Akhmed_Zakayev/Akhmed_Zakayev_0001.jpg";

    private static FaceEngine fused;
    private static FaceEngine mobileFaceNet;

    @BeforeAll
    static void start() {
        MlConfig config = MlConfig.defaults(SharedFixtures.models());
        fused = FaceEngine.start(config.withRecognizerPack(FUSION));
        mobileFaceNet = FaceEngine.start(config.withRecognizerPack("mobilefacenet-128"));
    }

    @AfterAll
    static void stop() {
        if (fused != null) {
            fused.close();
        }
        if (mobileFaceNet != null) {
            mobileFaceNet.close();
        }
    }

    @Test
    void theFusedEmbeddingIsTheWeightedConcatenationOfTheMembersEmbeddings() {
        ModelPack pack = ModelPacks.load(SharedFixtures.models()).get(FUSION, ModelPack.Kind.RECOGNIZER);
        float weightFaceplugin = pack.members().get(0).weight();
        float weightMobileFaceNet = pack.members().get(1).weight();
        for (String photo : List.of(
                SAME_A,
                SAME_B,
                OTHER,
                "lfw-dev/images/Colin_Powell/Colin_Powell_0001.jpg",
                "lfw-dev/images/Tony_Blair/Tony_Blair_0002.jpg",
                "detection/multi-face/blazeface_4faces.png")) {
            DecodedImage image = fused.decoder().decode(SharedFixtures.read(photo));
            List<DetectedFace> faces = fused.detector().detect(image);
            assertThat(faces).as(photo).isNotEmpty();
            List<Embedding> together = fused.embedder().embed(image, faces);
            List<Embedding> faceplugin =
                    SharedFixtures.defaultEngine().embedder().embed(image, faces);
            List<Embedding> mobile = mobileFaceNet.embedder().embed(image, faces);
            assertThat(together).hasSize(faces.size());
            for (int face = 0; face < faces.size(); face++) {
                float[] expected = new float[640];
                float[] first = faceplugin.get(face).vector();
                float[] second = mobile.get(face).vector();
                double norm = 0;
                for (int i = 0; i < 640; i++) {
                    expected[i] = i < 512 ? weightFaceplugin * first[i] : weightMobileFaceNet * second[i - 512];
                    norm += (double) expected[i] * expected[i];
                }
                float[] actual = together.get(face).vector();
                assertThat(together.get(face).modelId()).isEqualTo(FUSION);
                for (int i = 0; i < 640; i++) {
                    assertThat(actual[i])
                            .as("%s face %d component %d", photo, face, i)
                            .isCloseTo((float) (expected[i] / Math.sqrt(norm)), within(1e-6f));
                }
            }
        }
    }

    @Test
    void theSamePersonScoresHigherThanAnotherAndTheCalibratedThresholdsDecide() {
        CompareFaces compare = new CompareFaces(fused.decoder(), fused.detector(), fused.embedder());
        Comparison same =
                compare.compare(SharedFixtures.read(SAME_A), SharedFixtures.read(SAME_B), OperatingPoint.STANDARD);
        Comparison different =
                compare.compare(SharedFixtures.read(SAME_A), SharedFixtures.read(OTHER), OperatingPoint.STANDARD);
        assertThat(fused.embedder().model().id()).isEqualTo(FUSION);
        assertThat(fused.embedder().model().embeddingSize()).isEqualTo(640);
        assertThat(same.modelId()).isEqualTo(FUSION);
        assertThat(same.similarity()).isGreaterThan(different.similarity() + 0.2f);
        assertThat(same.match()).isTrue();
        assertThat(different.match()).isFalse();
        assertThat(same.threshold())
                .isEqualTo(fused.embedder().model().thresholds().standard());
    }

    @Test
    void noFacesGiveNoEmbeddings() {
        DecodedImage image = fused.decoder().decode(SharedFixtures.read(SAME_A));
        assertThat(fused.embedder().embed(image, List.of())).isEmpty();
    }
}
