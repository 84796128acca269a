package dev.facerec.api.rest.privacy;

import static dev.facerec.api.http.policy.Access.Level.ADMIN;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import dev.facerec.api.app.privacy.KeyRotationRunner;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.core.usecase.RotationProgress;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Re-encrypts everything not under the current key, in the background: {@code POST} starts a run (or reports the one
 * going on) and answers 202 at once; {@code GET} tells how far it is. Under {@code /api/v1/admin/}: for administrators
 * only once authentication is in place.
 */
@Access(ADMIN)
@GalleryScope(NONE)
@RestController
@RequestMapping("/api/v1/admin/encryption/rotation")
class KeyRotationController {
    private final KeyRotationRunner runner;

    KeyRotationController(KeyRotationRunner runner) {
        this.runner = runner;
    }

    @Operation(summary = "Start re-encrypting stored data with the current key", operationId = "startKeyRotation")
    @Audited("encryption.rotation.start")
    @NotIdempotent("a second start while a rotation runs reports the running one")
    @PostMapping
    ResponseEntity<RotationView> start() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(RotationView.of(runner.start()));
    }

    @Operation(summary = "Progress of the encryption key rotation", operationId = "keyRotationProgress")
    @Audited("encryption.rotation.read")
    @GetMapping
    RotationView progress() {
        return RotationView.of(runner.progress());
    }

    /** The progress as the API shows it; {@code state} is idle, running, done or failed. */
    record RotationView(
            String state,
            String keyId,
            Count embeddings,
            Count images,
            long failed,
            Instant startedAt,
            Instant finishedAt,
            String error) {
        record Count(long total, long done) {}

        static RotationView of(RotationProgress progress) {
            return new RotationView(
                    progress.state().name().toLowerCase(Locale.ROOT),
                    progress.keyId(),
                    new Count(progress.embeddingsTotal(), progress.embeddingsDone()),
                    new Count(progress.imagesTotal(), progress.imagesDone()),
                    progress.failed(),
                    progress.startedAt(),
                    progress.finishedAt(),
                    progress.error());
        }
    }
}
