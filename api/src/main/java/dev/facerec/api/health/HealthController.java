package dev.facerec.api.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.facerec.api.health.ModelsStatus.ModelsState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plain health endpoints for load balancers and orchestrators that do not speak Actuator. {@code /health/ready} is
 * 200 only while the models answer and the application accepts traffic (so it turns 503 during a graceful
 * shutdown); {@code /health/live} only while the application is not broken.
 */
@RestController
@RequestMapping("/health")
class HealthController {
    private final ModelsStatus models;
    private final ObjectProvider<ApplicationAvailability> availability;

    HealthController(ModelsStatus models, ObjectProvider<ApplicationAvailability> availability) {
        this.models = models;
        this.availability = availability;
    }

    @GetMapping
    ResponseEntity<HealthResponse> health() {
        return ready();
    }

    @GetMapping("/ready")
    ResponseEntity<HealthResponse> ready() {
        ModelsState state = models.check();
        ApplicationAvailability current = availability.getIfAvailable();
        if (state.up() && current != null && current.getReadinessState() == ReadinessState.REFUSING_TRAFFIC) {
            state = new ModelsState(
                    false,
                    state.executionProvider(),
                    state.detectorModel(),
                    state.recognizerModel(),
                    state.embeddingSize(),
                    state.loadMillis(),
                    "the application is not accepting traffic");
        }
        return respond(HealthResponse.of(state));
    }

    @GetMapping("/live")
    ResponseEntity<HealthResponse> live() {
        ApplicationAvailability current = availability.getIfAvailable();
        boolean broken = current != null && current.getLivenessState() == LivenessState.BROKEN;
        return respond(broken ? HealthResponse.down("the application is broken") : HealthResponse.up());
    }

    private static ResponseEntity<HealthResponse> respond(HealthResponse body) {
        return ResponseEntity.status(
                        body.status().equals(HealthResponse.UP) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(body);
    }

    /** {@code status} is {@code UP} or {@code DOWN}; the model members are present when the models answered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HealthResponse(
            String status,
            String executionProvider,
            String detectorModel,
            String recognizerModel,
            Integer embeddingSize,
            Long modelLoadMillis,
            String reason) {
        static final String UP = "UP";
        static final String DOWN = "DOWN";

        static HealthResponse of(ModelsState state) {
            return new HealthResponse(
                    state.up() ? UP : DOWN,
                    state.executionProvider(),
                    state.detectorModel(),
                    state.recognizerModel(),
                    state.embeddingSize(),
                    state.loadMillis(),
                    state.reason());
        }

        static HealthResponse up() {
            return new HealthResponse(UP, null, null, null, null, null, null);
        }

        static HealthResponse down(String reason) {
            return new HealthResponse(DOWN, null, null, null, null, null, reason);
        }
    }
}
