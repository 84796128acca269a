package dev.facerec.api.app.health;

import static dev.facerec.api.http.policy.Access.Level.OPERATOR;
import static dev.facerec.api.http.policy.Access.Level.PUBLIC;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.facerec.api.app.health.ModelsStatus.ModelsState;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotAudited;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plain health endpoints for load balancers and orchestrators that do not speak Actuator. {@code /health/ready} is
 * 200 only while the models answer, the application accepts traffic (so it turns 503 during a graceful shutdown)
 * and the database and the image store answer; a cache that does not answer leaves it ready. {@code /health/live}
 * is 200 only while the application is not broken. {@code /health/detailed} shows every part for operators: 200
 * when {@code UP} or {@code DEGRADED}, 503 when {@code DOWN}.
 *
 * <p>It imports the indicators it reads, so a web slice that holds this controller holds them too.
 */
@NotAudited(
        "probes and the operators' health view, outside the audited /api/v1: load balancers call them every few seconds")
@GalleryScope(NONE)
@RestController
@RequestMapping("/health")
@Import(HealthConfiguration.class)
class HealthController {
    private static final List<String> READY_ALSO_NEEDS = List.of(ServiceHealth.DATABASE, ServiceHealth.IMAGE_STORE);

    private final ModelsStatus models;
    private final ServiceHealth service;
    private final ObjectProvider<ApplicationAvailability> availability;

    HealthController(ModelsStatus models, ServiceHealth service, ObjectProvider<ApplicationAvailability> availability) {
        this.models = models;
        this.service = service;
        this.availability = availability;
    }

    @Operation(summary = "Readiness, as /health/ready", operationId = "health")
    @Access(PUBLIC)
    @GetMapping
    ResponseEntity<HealthResponse> health() {
        return ready();
    }

    @Operation(summary = "Readiness probe: models, database and image store answer", operationId = "ready")
    @Access(PUBLIC)
    @GetMapping("/ready")
    ResponseEntity<HealthResponse> ready() {
        ModelsState state = models.check();
        ApplicationAvailability current = availability.getIfAvailable();
        if (state.up() && current != null && current.getReadinessState() == ReadinessState.REFUSING_TRAFFIC) {
            state = notReady(state, "the application is not accepting traffic");
        }
        if (state.up()) {
            ModelsState modelsUp = state;
            state = service.firstNotUp(READY_ALSO_NEEDS)
                    .map(reason -> notReady(modelsUp, reason))
                    .orElse(modelsUp);
        }
        return respond(HealthResponse.of(state));
    }

    @Operation(summary = "Every part's health, for operators", operationId = "detailedHealth")
    @Access(OPERATOR)
    @GetMapping("/detailed")
    ResponseEntity<ServiceHealth.Detailed> detailed() {
        ServiceHealth.Detailed body = service.detailed();
        return ResponseEntity.status(
                        body.status().equals(ServiceHealth.Detailed.DOWN)
                                ? HttpStatus.SERVICE_UNAVAILABLE
                                : HttpStatus.OK)
                .body(body);
    }

    @Operation(summary = "Liveness probe", operationId = "live")
    @Access(PUBLIC)
    @GetMapping("/live")
    ResponseEntity<HealthResponse> live() {
        ApplicationAvailability current = availability.getIfAvailable();
        boolean broken = current != null && current.getLivenessState() == LivenessState.BROKEN;
        return respond(broken ? HealthResponse.down("the application is broken") : HealthResponse.up());
    }

    private static ModelsState notReady(ModelsState state, String reason) {
        return new ModelsState(
                false,
                state.executionProvider(),
                state.threading(),
                state.detectorModel(),
                state.recognizerModel(),
                state.embeddingSize(),
                state.loadMillis(),
                state.imageDecoders(),
                reason);
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
