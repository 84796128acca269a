package dev.facerec.ml.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.face.Thresholds;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.pack.ModelPack;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusedFaceEmbedderTest {
    private static final ModelPack.CalibratedThresholds THRESHOLDS =
            new ModelPack.CalibratedThresholds(null, null, 0.3f, 0.4f, null, "test", List.of(), null, null);

    /** Answers one fixed vector per face, as a member model would. */
    private record Fixed(String id, float[] vector) implements FaceEmbedder {
        @Override
        public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
            return faces.stream().map(face -> Embedding.normalised(vector, id)).toList();
        }

        @Override
        public RecognitionModel model() {
            return new RecognitionModel(id, vector.length, new Thresholds(0.3f, 0.4f));
        }
    }

    private static ModelPack fusion(float first, float second, int size) {
        return new ModelPack(
                "fused",
                ModelPack.Kind.RECOGNIZER,
                null,
                null,
                null,
                null,
                size,
                THRESHOLDS,
                "",
                "",
                List.of(new ModelPack.Member("a", first), new ModelPack.Member("b", second)));
    }

    @Test
    void theCosineOfFusedEmbeddingsIsTheWeightedMeanOfTheMembersCosines() {
        float[] weights = {1f, 2f};
        Embedding a1 = Embedding.normalised(new float[] {1, 0, 0}, "a");
        Embedding a2 = Embedding.normalised(new float[] {0.6f, 0.8f, 0}, "a");
        Embedding b1 = Embedding.normalised(new float[] {1, 0}, "b");
        Embedding b2 = Embedding.normalised(new float[] {0, 1}, "b");
        Embedding first = FusedFaceEmbedder.fuse("fused", List.of(a1, b1), weights);
        Embedding second = FusedFaceEmbedder.fuse("fused", List.of(a2, b2), weights);
        assertThat(first.dimension()).isEqualTo(5);
        assertThat(first.modelId()).isEqualTo("fused");
        // (1 * 0.6 + 4 * 0) / (1 + 4)
        assertThat(first.similarity(second)).isCloseTo(0.12f, within(1e-6f));
        assertThat(first.vector())
                .containsExactly(
                        new float[] {1 / (float) Math.sqrt(5), 0, 0, 2 / (float) Math.sqrt(5), 0}, within(1e-6f));
    }

    @Test
    void membersMustComeInThePacksOrderAndAddUpToItsSize() {
        Fixed a = new Fixed("a", new float[] {1, 0, 0});
        Fixed b = new Fixed("b", new float[] {0, 1});
        FusedFaceEmbedder fused = new FusedFaceEmbedder(fusion(1, 1.5f, 5), List.of(a, b));
        assertThat(fused.model().id()).isEqualTo("fused");
        assertThat(fused.model().embeddingSize()).isEqualTo(5);
        assertThat(fused.weights()).containsExactly(1f, 1.5f);
        assertThatThrownBy(() -> new FusedFaceEmbedder(fusion(1, 1, 5), List.of(b, a)))
                .hasMessageContaining("member 0 of fused is a, not b");
        assertThatThrownBy(() -> new FusedFaceEmbedder(fusion(1, 1, 6), List.of(a, b)))
                .hasMessageContaining("add up to 5");
        assertThatThrownBy(() -> new FusedFaceEmbedder(fusion(1, 1, 5), List.of(a)))
                .hasMessageContaining("one embedder per member");
    }
}
