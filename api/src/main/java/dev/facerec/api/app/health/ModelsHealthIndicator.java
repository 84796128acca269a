package dev.facerec.api.app.health;

import dev.facerec.api.app.health.ModelsStatus.ModelsState;
import org.springframework.boot.health.contributor.Health;

/** The {@code models} component of {@code /actuator/health}, also part of the readiness group. */
final class ModelsHealthIndicator extends TimedHealthIndicator {
    private final ModelsStatus status;

    ModelsHealthIndicator(ModelsStatus status) {
        this.status = status;
    }

    @Override
    String kind() {
        return "onnx";
    }

    @Override
    Health.Builder check() {
        ModelsState state = status.check();
        if (!state.up()) {
            return Health.down().withDetail(REASON, state.reason());
        }
        return Health.up()
                .withDetail("executionProvider", state.executionProvider())
                .withDetail("detector", state.detectorModel())
                .withDetail("recognizer", state.recognizerModel())
                .withDetail("embeddingSize", state.embeddingSize())
                .withDetail("threading", state.threading())
                .withDetail("loadMillis", state.loadMillis())
                .withDetail("imageDecoders", state.imageDecoders());
    }
}
