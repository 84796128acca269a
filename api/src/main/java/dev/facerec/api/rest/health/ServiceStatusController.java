package dev.facerec.api.rest.health;

import static dev.facerec.api.http.policy.Access.Level.PUBLIC;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.facerec.api.app.health.ModelsStatus;
import dev.facerec.api.app.health.ModelsStatus.ModelsState;
import dev.facerec.api.app.health.ServiceVersion;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotAudited;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/health} in the shape operators' scripts already read: {@code healthy} (200) while the face
 * models answer, {@code unhealthy} (503) otherwise, with whether inference runs on a GPU and the service version.
 * Readiness with the database and image store stays at {@code /health/ready}; this answers "can it recognise faces".
 */
@RestController
class ServiceStatusController {

    private final ModelsStatus models;
    private final String version;

    ServiceStatusController(ModelsStatus models, ObjectProvider<BuildProperties> build) {
        this.models = models;
        this.version = ServiceVersion.of(build.getIfAvailable());
    }

    @Operation(summary = "Service status: models loaded, GPU, version", operationId = "serviceStatus")
    @Access(PUBLIC)
    @NotAudited("a probe: load balancers and monitors call it every few seconds")
    @GalleryScope(NONE)
    @GetMapping("/api/v1/health")
    ResponseEntity<ServiceStatus> status() {
        ModelsState state = models.check();
        ServiceStatus body = new ServiceStatus(
                state.up() ? "healthy" : "unhealthy",
                "CUDA".equals(state.executionProvider()),
                new Models(state.detectorModel(), state.recognizerModel(), state.up()),
                version);
        return ResponseEntity.status(state.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(body);
    }

    record ServiceStatus(
            String status, @JsonProperty("gpu_available") boolean gpuAvailable, Models models, String version) {}

    /** Model ids are {@code null} when the models do not answer. */
    record Models(String detector, String recognizer, boolean loaded) {}
}
