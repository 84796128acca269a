package dev.facerec.api.app.privacy;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.usecase.RotateKeys;
import dev.facerec.core.usecase.RotationProgress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs key rotation in the background, one run at a time per replica. A run interrupted by shutdown simply stops:
 * rotation is resumable, the next start of it does what is left. Public for the route that starts it and reads its
 * progress (dev.facerec.api.rest.privacy).
 */
public final class KeyRotationRunner implements AutoCloseable {
    private final RotateKeys rotation;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("key-rotation").factory());

    KeyRotationRunner(RotateKeys rotation) {
        this.rotation = requireNonNull(rotation, "rotation is null");
    }

    /** Starts a run unless one is going on; the progress either way. */
    public RotationProgress start() {
        if (rotation.claim()) {
            executor.execute(rotation::run);
        }
        return rotation.progress();
    }

    public RotationProgress progress() {
        return rotation.progress();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
