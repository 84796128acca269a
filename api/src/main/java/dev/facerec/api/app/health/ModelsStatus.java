package dev.facerec.api.app.health;

import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.ml.FaceEngine;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Whether the face models are loaded and answer: the engine bean exists and its ports report their models, the
 * recognizer being the one this replica serves with now. Shared by
 * {@code /health} and the Actuator {@code models} indicator so both tell the same story.
 */
@Component
public class ModelsStatus {
    private static final Logger log = LoggerFactory.getLogger(ModelsStatus.class);

    private final ObjectProvider<FaceEngine> engine;
    private final ObjectProvider<ActiveRecognizer> recognizers;

    public ModelsStatus(ObjectProvider<FaceEngine> engine, ObjectProvider<ActiveRecognizer> recognizers) {
        this.engine = engine;
        this.recognizers = recognizers;
    }

    public ModelsState check() {
        FaceEngine loaded = engine.getIfAvailable();
        if (loaded == null) {
            return ModelsState.down("the face engine is not started");
        }
        try {
            RecognitionModel started = loaded.embedder().model();
            // The recognizer served now: a model migration's switch-over replaces the one loaded at start-up.
            ActiveRecognizer active = recognizers.getIfAvailable();
            RecognitionModel recognizer = active != null ? active.model() : started;
            return new ModelsState(
                    true,
                    loaded.executionProvider(),
                    loaded.threading(),
                    loaded.detector().modelId(),
                    recognizer.id(),
                    recognizer.embeddingSize(),
                    loaded.loadMillis(),
                    loaded.decoder().decoders(),
                    null);
        } catch (RuntimeException e) {
            log.warn("Face models check failed", e);
            return ModelsState.down("the face models do not answer");
        }
    }

    /**
     * @param imageDecoders the codec of each accepted image format
     * @param reason why the models are down; {@code null} when up
     */
    public record ModelsState(
            boolean up,
            String executionProvider,
            String threading,
            String detectorModel,
            String recognizerModel,
            Integer embeddingSize,
            Long loadMillis,
            Map<String, String> imageDecoders,
            String reason) {
        static ModelsState down(String reason) {
            return new ModelsState(false, null, null, null, null, null, null, null, reason);
        }
    }
}
