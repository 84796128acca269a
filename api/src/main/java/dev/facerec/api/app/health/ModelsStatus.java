package dev.facerec.api.app.health;

import dev.facerec.core.face.RecognitionModel;
import dev.facerec.ml.FaceEngine;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Whether the face models are loaded and answer: the engine bean exists and its ports report their models. Shared by
 * {@code /health} and the Actuator {@code models} indicator so both tell the same story.
 */
@Component
public class ModelsStatus {
    private static final Logger log = LoggerFactory.getLogger(ModelsStatus.class);

    private final ObjectProvider<FaceEngine> engine;

    public ModelsStatus(ObjectProvider<FaceEngine> engine) {
        this.engine = engine;
    }

    public ModelsState check() {
        FaceEngine loaded = engine.getIfAvailable();
        if (loaded == null) {
            return ModelsState.down("the face engine is not started");
        }
        try {
            RecognitionModel recognizer = loaded.embedder().model();
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
