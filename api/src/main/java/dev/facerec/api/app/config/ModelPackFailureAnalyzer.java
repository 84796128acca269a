package dev.facerec.api.app.config;

import dev.facerec.ml.pack.ModelPackException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * When the models cannot be loaded the service refuses to start; this puts the reason (which file, which digest)
 * and the settings to check at the top of the start-up log instead of deep in a bean creation stack trace.
 */
class ModelPackFailureAnalyzer extends AbstractFailureAnalyzer<ModelPackException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelPackException cause) {
        return new FailureAnalysis(
                "The face models could not be loaded: " + cause.getMessage(),
                "Check FACE_MODELS_DIR (the folder holding the model files), FACE_DETECTOR_PACK and"
                        + " FACE_RECOGNIZER_PACK, and that every model file matches the SHA-256 of its pack manifest.",
                cause);
    }
}
