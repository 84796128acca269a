package dev.facerec.ml.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.face.ImpostorTail;
import dev.facerec.core.face.SimilarityScale;
import dev.facerec.core.face.Thresholds;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPacksTest {
    @TempDir
    Path models;

    @Test
    void builtInPacksDeclareWhatTheEngineNeeds() {
        ModelPacks packs = ModelPacks.load(models);
        ModelPack recognizer = packs.get("faceplugin-512", ModelPack.Kind.RECOGNIZER);
        assertThat(recognizer.embeddingSize()).isEqualTo(512);
        assertThat(recognizer.thresholds().fmr1e4())
                .isGreaterThan(recognizer.thresholds().fmr1e3());
        assertThat(recognizer.thresholds().calibration()).contains("lfw-dev");
        assertThat(packs.get("mobilefacenet-128", ModelPack.Kind.RECOGNIZER).embeddingSize())
                .isEqualTo(128);
        assertThat(packs.get("yunet-2026may", ModelPack.Kind.DETECTOR).input().fixedSize())
                .isFalse();
    }

    @Test
    void bothShippedRecognizersCarryMeasuredLenientAnchorsForTheirSimilarityScale() {
        ModelPacks packs = ModelPacks.load(models);
        for (String id : List.of("faceplugin-512", "mobilefacenet-128")) {
            ModelPack.CalibratedThresholds thresholds =
                    packs.get(id, ModelPack.Kind.RECOGNIZER).thresholds();
            assertThat(thresholds.fmr1e1()).as(id).isNotNull().isGreaterThan(-1f);
            assertThat(thresholds.fmr1e2()).as(id).isGreaterThan(thresholds.fmr1e1());
            assertThat(thresholds.fmr1e3()).as(id).isGreaterThan(thresholds.fmr1e2());
            assertThat(thresholds.calibration()).as(id).contains("1e-1");
            SimilarityScale scale = thresholds.toSimilarityScale();
            assertThat(scale.anchors())
                    .extracting(SimilarityScale.Anchor::cosine)
                    .as(id)
                    .containsExactly(
                            (double) thresholds.fmr1e1(),
                            (double) thresholds.fmr1e2(),
                            (double) thresholds.fmr1e3(),
                            (double) thresholds.fmr1e4(),
                            (double) thresholds.fmr1e5());
            assertThat(scale.similarity(thresholds.fmr1e3())).as(id).isEqualTo(0.8);
            assertThat(scale.similarity(thresholds.fmr1e1())).as(id).isEqualTo(0.4);
            assertThat(scale).isNotEqualTo(SimilarityScale.estimated(thresholds.toThresholds()));
        }
    }

    @Test
    void aManifestWithOnlyOneLenientAnchorOrOneAboveTheStandardThresholdIsRefused() throws IOException {
        writeRecognizer("\"fmr1e2\": 0.2, \"fmr1e3\": 0.3, \"fmr1e4\": 0.4");
        assertThatThrownBy(() -> ModelPacks.load(models))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining("both fmr1e1 and fmr1e2");
        writeRecognizer("\"fmr1e1\": 0.1, \"fmr1e2\": 0.35, \"fmr1e3\": 0.3, \"fmr1e4\": 0.4");
        assertThatThrownBy(() -> ModelPacks.load(models))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining("inconsistent");
    }

    @Test
    void aMissingFileIsAStartUpErrorNamingTheFileAndItsDigest() {
        assertThatThrownBy(() -> FaceEngine.start(MlConfig.defaults(models)))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining(
                        models.resolve("face_detection_yunet_2026may.onnx").toString())
                .hasMessageContaining("ebafce4e3c118d6554634be5c27ab333b4c047a9a8c3faf1d7cf93101c22f0f0")
                .hasMessageContaining("make models");
    }

    @Test
    void aFileWithAnotherDigestIsRefused() throws IOException {
        Files.writeString(models.resolve("face_detection_yunet_2026may.onnx"), "not a model");
        assertThatThrownBy(() -> FaceEngine.start(MlConfig.defaults(models)))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining("has SHA-256 " + ModelFileVerifier.sha256("not a model".getBytes()))
                .hasMessageContaining("expects ebafce4e3c118d6554634be5c27ab333b4c047a9a8c3faf1d7cf93101c22f0f0");
    }

    @Test
    void anUnknownPackListsTheKnownOnes() {
        assertThatThrownBy(() -> ModelPacks.load(models).get("arcface-r100", ModelPack.Kind.RECOGNIZER))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining("faceplugin-512")
                .hasMessageContaining("mobilefacenet-128");
    }

    @Test
    void anOperatorManifestAddsAPack() throws IOException {
        Files.writeString(models.resolve("custom.pack.json"), """
                {"id": "custom-256", "kind": "RECOGNIZER", "file": "custom.onnx",
                 "sha256": "%s",
                 "input": {"name": "data", "channelOrder": "RGB", "mean": 127.5, "scale": 127.5,
                           "width": 112, "height": 112, "multiple": 1, "dynamicBatch": true},
                 "outputName": "fc1", "embeddingSize": 256,
                 "thresholds": {"fmr1e3": 0.3, "fmr1e4": 0.4, "calibration": "own data", "notes": []},
                 "licence": "own", "source": "own training"}
                """.formatted("a".repeat(64)));
        ModelPack custom = ModelPacks.load(models).get("custom-256", ModelPack.Kind.RECOGNIZER);
        assertThat(custom.embeddingSize()).isEqualTo(256);
        // Without fmr1e1 and fmr1e2 the similarity scale estimates them; 0.8 stays at the standard threshold.
        assertThat(custom.thresholds().fmr1e1()).isNull();
        assertThat(custom.thresholds().toSimilarityScale())
                .isEqualTo(SimilarityScale.estimated(custom.thresholds().toThresholds()));
        assertThat(custom.thresholds().toSimilarityScale().similarity(0.3f)).isEqualTo(0.8);
    }

    @Test
    void aManifestWithATailAndGenuineQuantilesGivesThemToTheCore() throws IOException {
        writeRecognizer("""
                "fmr1e3": 0.3, "fmr1e4": 0.4, "fmr1e5": 0.45,
                "tail": {"threshold": 0.3, "exceedanceRate": 1e-3, "scale": 0.04, "shape": -0.1, "pairs": 1000000,
                         "check": "held out"},
                "genuine": {"quantiles": [{"fnmr": 0.01, "cosine": 0.3}, {"fnmr": 0.5, "cosine": 0.7}]}""");
        Thresholds thresholds = ModelPacks.load(models)
                .get("custom-256", ModelPack.Kind.RECOGNIZER)
                .thresholds()
                .toThresholds();
        assertThat(thresholds.tail()).isEqualTo(new ImpostorTail(0.3, 1e-3, 0.04, -0.1, 1_000_000, "held out"));
        assertThat(thresholds.genuine().falseNonMatchRate(0.7)).isEqualTo(0.5);
        assertThat(thresholds.forIdentification(1_000_000, 0.01)).isGreaterThan(0.45f);
    }

    @Test
    void aManifestWithoutATailKeepsThresholdsAtFmr1e5AndABadTailIsRefused() throws IOException {
        writeRecognizer("\"fmr1e3\": 0.3, \"fmr1e4\": 0.4, \"fmr1e5\": 0.45");
        Thresholds thresholds = ModelPacks.load(models)
                .get("custom-256", ModelPack.Kind.RECOGNIZER)
                .thresholds()
                .toThresholds();
        assertThat(thresholds.tail()).isNull();
        assertThat(thresholds.forIdentification(1_000_000, 0.01)).isEqualTo(0.45f);
        writeRecognizer("""
                "fmr1e3": 0.3, "fmr1e4": 0.4, "fmr1e5": 0.45,
                "tail": {"threshold": 0.3, "exceedanceRate": 1e-3, "scale": -0.04, "shape": -0.1, "pairs": 1000000,
                         "check": ""}""");
        assertThatThrownBy(() -> ModelPacks.load(models))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining("scale");
    }

    private void writeRecognizer(String thresholds) throws IOException {
        Files.writeString(models.resolve("custom.pack.json"), """
                {"id": "custom-256", "kind": "RECOGNIZER", "file": "custom.onnx", "sha256": "%s",
                 "input": {"name": "data", "channelOrder": "RGB", "mean": 127.5, "scale": 127.5,
                           "width": 112, "height": 112, "multiple": 1, "dynamicBatch": true},
                 "outputName": "fc1", "embeddingSize": 256,
                 "thresholds": {%s, "calibration": "own data", "notes": []},
                 "licence": "own", "source": "own training"}
                """.formatted("a".repeat(64), thresholds));
    }

    @Test
    void theBuiltInFusionNamesBothShippedRecognizersAndHasNoFileOfItsOwn() {
        ModelPacks packs = ModelPacks.load(models);
        ModelPack fusion = packs.get("fusion-640", ModelPack.Kind.RECOGNIZER);
        assertThat(fusion.fused()).isTrue();
        assertThat(fusion.file()).isNull();
        assertThat(fusion.sha256()).isNull();
        assertThat(fusion.members())
                .extracting(ModelPack.Member::pack)
                .containsExactly("faceplugin-512", "mobilefacenet-128");
        assertThat(packs.models(fusion))
                .extracting(ModelPack::id)
                .containsExactly("faceplugin-512", "mobilefacenet-128");
        assertThat(fusion.embeddingSize()).isEqualTo(512 + 128);
        assertThat(fusion.thresholds().calibration()).contains("make eval-lfw").contains("fusion-640");
        assertThat(fusion.thresholds().toThresholds().tail()).isNotNull();
        assertThatThrownBy(() -> packs.verifiedModel(fusion)).hasMessageContaining("no model file");
    }

    @Test
    void anOperatorDefinesAFusionOfTheirOwn() throws IOException {
        writeFusion("""
                [{"pack": "mobilefacenet-128", "weight": 2}, {"pack": "faceplugin-512", "weight": 0.5}]""", 640);
        ModelPacks packs = ModelPacks.load(models);
        ModelPack own = packs.get("own-fusion", ModelPack.Kind.RECOGNIZER);
        assertThat(own.members())
                .containsExactly(
                        new ModelPack.Member("mobilefacenet-128", 2f), new ModelPack.Member("faceplugin-512", 0.5f));
        assertThat(packs.models(own)).extracting(ModelPack::embeddingSize).containsExactly(128, 512);
    }

    @Test
    void aFusionWhoseSizesDoNotAddUpOrWhoseMemberIsNoRecognizerIsRefused() throws IOException {
        writeFusion("""
                [{"pack": "faceplugin-512", "weight": 1}, {"pack": "mobilefacenet-128", "weight": 1}]""", 512);
        assertThatThrownBy(() -> ModelPacks.load(models))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining("own-fusion")
                .hasMessageContaining("add up to 640");
        writeFusion("""
                [{"pack": "faceplugin-512", "weight": 1}, {"pack": "yunet-2026may", "weight": 1}]""", 512);
        assertThatThrownBy(() -> ModelPacks.load(models))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining("yunet-2026may, which is not a recognizer pack");
        writeFusion("""
                [{"pack": "faceplugin-512", "weight": 1}, {"pack": "arcface-r100", "weight": 1}]""", 1024);
        assertThatThrownBy(() -> ModelPacks.load(models)).hasMessageContaining("arcface-r100");
        writeFusion("""
                [{"pack": "faceplugin-512", "weight": 1}, {"pack": "fusion-640", "weight": 1}]""", 1152);
        assertThatThrownBy(() -> ModelPacks.load(models))
                .hasMessageContaining("fusion-640, which is not a recognizer pack with a model file of its own");
    }

    @Test
    void aFusionWithABadWeightTooFewOrRepeatedMembersOrAFileOfItsOwnIsRefused() throws IOException {
        writeFusion("""
                [{"pack": "faceplugin-512", "weight": 1}, {"pack": "mobilefacenet-128", "weight": 0}]""", 640);
        assertThatThrownBy(() -> ModelPacks.load(models))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining("positive, finite weight");
        writeFusion("""
                [{"pack": "faceplugin-512", "weight": 1}, {"pack": "mobilefacenet-128", "weight": -1.5}]""", 640);
        assertThatThrownBy(() -> ModelPacks.load(models)).hasMessageContaining("positive, finite weight");
        writeFusion("""
                [{"pack": "faceplugin-512", "weight": 1}]""", 512);
        assertThatThrownBy(() -> ModelPacks.load(models)).hasMessageContaining("at least two members");
        writeFusion("""
                [{"pack": "faceplugin-512", "weight": 1}, {"pack": "faceplugin-512", "weight": 2}]""", 1024);
        assertThatThrownBy(() -> ModelPacks.load(models)).hasMessageContaining("distinct members");
        Files.writeString(models.resolve("custom.pack.json"), """
                {"id": "own-fusion", "kind": "RECOGNIZER", "file": "own.onnx", "sha256": "%s",
                 "members": [{"pack": "faceplugin-512", "weight": 1}, {"pack": "mobilefacenet-128", "weight": 1}],
                 "embeddingSize": 640, "thresholds": {"fmr1e3": 0.3, "fmr1e4": 0.4, "calibration": "own data"}}
                """.formatted("a".repeat(64)));
        assertThatThrownBy(() -> ModelPacks.load(models)).hasMessageContaining("no model file of its own");
        Files.writeString(models.resolve("custom.pack.json"), """
                {"id": "own-detector", "kind": "DETECTOR",
                 "members": [{"pack": "faceplugin-512", "weight": 1}, {"pack": "mobilefacenet-128", "weight": 1}],
                 "embeddingSize": 0}
                """);
        assertThatThrownBy(() -> ModelPacks.load(models)).hasMessageContaining("only a recognizer can fuse");
    }

    private void writeFusion(String members, int embeddingSize) throws IOException {
        Files.writeString(models.resolve("custom.pack.json"), """
                {"id": "own-fusion", "kind": "RECOGNIZER", "members": %s, "embeddingSize": %d,
                 "thresholds": {"fmr1e3": 0.3, "fmr1e4": 0.4, "calibration": "own data", "notes": []},
                 "licence": "those of its members", "source": "its members"}
                """.formatted(members, embeddingSize));
    }

    @Test
    void aManifestCannotPointOutsideTheModelsDirectory() throws IOException {
        Files.writeString(models.resolve("evil.pack.json"), """
                {"id": "evil", "kind": "DETECTOR", "file": "../../etc/passwd", "sha256": "%s",
                 "input": {"name": "input", "channelOrder": "BGR", "mean": 0, "scale": 1,
                           "width": 0, "height": 0, "multiple": 32, "dynamicBatch": false},
                 "outputName": null, "embeddingSize": 0, "thresholds": null, "licence": "", "source": ""}
                """.formatted("b".repeat(64)));
        assertThatThrownBy(() -> ModelPacks.load(models))
                .isInstanceOf(ModelPackException.class)
                .hasMessageContaining("outside the models directory");
    }
}
