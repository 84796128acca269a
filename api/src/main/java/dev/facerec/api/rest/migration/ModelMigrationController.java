package dev.facerec.api.rest.migration;

import static dev.facerec.api.http.policy.Access.Level.ADMIN;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import dev.facerec.api.app.migration.ModelMigrationRunner;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.api.http.security.Caller;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.migration.MigrationFailure;
import dev.facerec.core.migration.MigrationProgress;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Moving the service to another recognition model (docs/model-migration.md): start a migration (its pass re-embeds
 * every face in the background while the current model keeps serving), follow it, switch over, roll back, and drop
 * the old or the abandoned embeddings. Administrators only.
 */
@Access(ADMIN)
@GalleryScope(NONE)
@RestController
@RequestMapping("/api/v1/admin/model-migrations")
class ModelMigrationController {
    private final ObjectProvider<ModelMigrationRunner> runners;

    ModelMigrationController(ObjectProvider<ModelMigrationRunner> runners) {
        this.runners = runners;
    }

    @Operation(summary = "Start migrating every face to another recognizer pack", operationId = "startModelMigration")
    @Audited("model-migration.start")
    @NotIdempotent("a second start while a migration is under way is refused with 409")
    @PostMapping
    ResponseEntity<MigrationView> start(@Valid @RequestBody StartMigration request) {
        ModelMigrationRunner runner = runner();
        MigrationProgress started = runner.start(Caller.currentActor(), request.recognizer());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(MigrationView.of(started, List.of()));
    }

    @Operation(summary = "Progress of the latest model migration", operationId = "modelMigrationProgress")
    @Audited("model-migration.read")
    @GetMapping
    MigrationView progress() {
        ModelMigrationRunner runner = runner();
        MigrationProgress latest = runner.progress(Caller.currentActor())
                .orElseThrow(() -> new FaceException(FaceErrorCode.NOT_FOUND, "no model migration was started"));
        return MigrationView.of(latest, runner.failures(latest));
    }

    @Operation(
            summary = "Run the migration's pass again (faces enrolled since, or after a stop)",
            operationId = "rerunModelMigration")
    @Audited("model-migration.rerun")
    @NotIdempotent("a pass already running is left as it is; running one again does only what is left")
    @PostMapping("/pass")
    ResponseEntity<MigrationView> rerun() {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(MigrationView.of(runner().rerun(Caller.currentActor()), List.of()));
    }

    @Operation(
            summary = "Make the new recognizer the service's (every face must have its embedding); every replica"
                    + " switches without a restart",
            operationId = "switchOverModelMigration")
    @Audited("model-migration.switch-over")
    @NotIdempotent("a second switch-over is refused with 409")
    @PostMapping("/switch-over")
    MigrationView switchOver() {
        return MigrationView.of(runner().switchOver(Caller.currentActor()), List.of());
    }

    @Operation(summary = "Switch back to the old recognizer", operationId = "rollBackModelMigration")
    @Audited("model-migration.rollback")
    @NotIdempotent("a second rollback is refused with 409")
    @PostMapping("/rollback")
    MigrationView rollBack() {
        return MigrationView.of(runner().rollBack(Caller.currentActor()), List.of());
    }

    @Operation(
            summary = "Drop the old recognizer's embeddings (no rollback after this)",
            operationId = "dropOldEmbeddings")
    @Audited("model-migration.drop-old")
    @DeleteMapping("/old-embeddings")
    Map<String, Long> dropOld() {
        return Map.of("dropped", runner().operations().dropSource(Caller.currentActor()));
    }

    @Operation(
            summary = "Abandon the migration and drop the new recognizer's embeddings",
            operationId = "dropNewEmbeddings")
    @Audited("model-migration.drop-new")
    @DeleteMapping("/new-embeddings")
    Map<String, Long> dropNew() {
        return Map.of("dropped", runner().dropTarget(Caller.currentActor()));
    }

    private ModelMigrationRunner runner() {
        ModelMigrationRunner runner = runners.getIfAvailable();
        if (runner == null) {
            throw new FaceException(FaceErrorCode.UNAVAILABLE, "model migrations need the database");
        }
        return runner;
    }

    record StartMigration(@NotBlank @Size(max = 100) String recognizer) {}

    /** The progress as the API shows it; {@code state} is running, stopped, complete, switched, rolled_back, finished or failed. */
    record MigrationView(
            UUID id,
            String state,
            String sourceModel,
            String targetModel,
            long total,
            long done,
            long failed,
            double facesPerSecond,
            Long etaSeconds,
            Instant startedAt,
            Instant updatedAt,
            Instant finishedAt,
            String error,
            List<MigrationFailure> failures) {
        static MigrationView of(MigrationProgress progress, List<MigrationFailure> failures) {
            Duration eta = progress.eta();
            return new MigrationView(
                    progress.id(),
                    progress.state().name().toLowerCase(Locale.ROOT),
                    progress.sourceModel(),
                    progress.targetModel(),
                    progress.total(),
                    progress.done(),
                    progress.failed(),
                    progress.facesPerSecond(),
                    eta == null ? null : eta.toSeconds(),
                    progress.startedAt(),
                    progress.updatedAt(),
                    progress.finishedAt(),
                    progress.error(),
                    failures);
        }
    }
}
