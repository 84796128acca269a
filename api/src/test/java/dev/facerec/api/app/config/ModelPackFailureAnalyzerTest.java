package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.ml.pack.ModelPackException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class ModelPackFailureAnalyzerTest {
    @Test
    void namesTheBrokenFileAndTheSettingsToCheck() {
        var failure = new BeanCreationException(
                "faceEngine", "start failed", new ModelPackException("yunet.onnx does not match sha256 abc"));

        FailureAnalysis analysis = new ModelPackFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).contains("yunet.onnx does not match sha256 abc");
        assertThat(analysis.getAction()).contains("FACE_MODELS_DIR", "FACE_DETECTOR_PACK", "FACE_RECOGNIZER_PACK");
    }

    @Test
    void leavesOtherFailuresToOtherAnalyzers() {
        assertThat(new ModelPackFailureAnalyzer().analyze(new IllegalStateException("other")))
                .isNull();
    }
}
