package dev.facerec.api.app.migration;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.pack.ModelPackException;
import java.util.Optional;

/**
 * Loads recognizer packs beside the serving one, verified as at start-up (a missing or altered file is refused), and
 * keeps the one a completed migration pass used until the switch-over takes it, so the replica that ran the pass
 * switches without loading the pack again. Whoever takes an engine owns it and closes it.
 */
final class LoadedEngines implements AutoCloseable {
    private final MlConfig serving;
    private FaceEngine kept;

    /** @param serving the configuration the service started with; only the recognizer pack differs */
    LoadedEngines(MlConfig serving) {
        this.serving = requireNonNull(serving, "serving is null");
    }

    /**
     * Verifies and loads the pack.
     *
     * @throws FaceException {@code INVALID_REQUEST} for an unknown or broken pack, naming it and why
     */
    FaceEngine load(String recognizer) {
        requireNonNull(recognizer, "recognizer is null");
        try {
            return FaceEngine.start(serving.withRecognizerPack(recognizer));
        } catch (ModelPackException | IllegalArgumentException e) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "recognizer pack " + recognizer + " cannot be loaded: " + e.getMessage());
        }
    }

    /** Keeps a loaded engine for a later {@link #take}, closing one kept before. */
    synchronized void keep(FaceEngine engine) {
        requireNonNull(engine, "engine is null");
        if (kept != null && kept != engine) {
            kept.close();
        }
        kept = engine;
    }

    /** The kept engine if it is of {@code recognizer} (the caller owns it then); one of another model is closed. */
    synchronized Optional<FaceEngine> take(String recognizer) {
        FaceEngine engine = kept;
        kept = null;
        if (engine == null) {
            return Optional.empty();
        }
        if (engine.embedder().model().id().equals(recognizer)) {
            return Optional.of(engine);
        }
        engine.close();
        return Optional.empty();
    }

    /** The kept engine of {@code recognizer}, or one loaded now. */
    FaceEngine takeOrLoad(String recognizer) {
        return take(recognizer).orElseGet(() -> load(recognizer));
    }

    /** Closes the kept engine, if any (an abandoned migration's). */
    synchronized void discard() {
        if (kept != null) {
            kept.close();
            kept = null;
        }
    }

    @Override
    public void close() {
        discard();
    }
}
