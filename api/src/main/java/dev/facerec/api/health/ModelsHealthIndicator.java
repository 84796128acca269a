package dev.facerec.api.health;

import dev.facerec.api.health.ModelsStatus.ModelsState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The {@code models} component of {@code /actuator/health}, also part of the readiness group. */
@Component("models")
class ModelsHealthIndicator implements HealthIndicator {
    private final ModelsStatus status;

    ModelsHealthIndicator(ModelsStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        ModelsState state = status.check();
        if (!state.up()) {
            return Health.down().withDetail("reason", state.reason()).build();
        }
        return Health.up()
                .withDetail("executionProvider", state.executionProvider())
                .withDetail("detectorModel", state.detectorModel())
                .withDetail("recognizerModel", state.recognizerModel())
                .withDetail("embeddingSize", state.embeddingSize())
                .withDetail("loadMillis", state.loadMillis())
                .build();
    }
}
