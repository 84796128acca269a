package dev.facerec.api.app.migration;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.migration.MigrateModel;
import dev.facerec.core.migration.MigrationFailure;
import dev.facerec.core.migration.MigrationPass;
import dev.facerec.core.migration.MigrationProgress;
import dev.facerec.core.migration.ModelEmbeddings;
import dev.facerec.core.migration.ModelMigrations;
import dev.facerec.core.store.ImageStore;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.pack.ModelPackException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a model migration's pass in the background on this replica, with the target recognizer loaded beside the one
 * serving (which this never touches), and resumes a pass left running by a stopped replica when the service starts.
 * Closing it stops the pass between two faces: the next start goes on from the data. Public for the route
 * (dev.facerec.api.rest.migration).
 */
public final class ModelMigrationRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelMigrationRunner.class);
    private static final int BATCH = 64;
    private static final int FAILURES_SHOWN = 100;

    private final MigrateModel migrate;
    private final ModelEmbeddings embeddings;
    private final ModelMigrations migrations;
    private final ImageStore images;
    private final MlConfig serving;
    private final Clock clock;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("model-migration").factory());
    private final AtomicBoolean running = new AtomicBoolean();

    ModelMigrationRunner(
            MigrateModel migrate,
            ModelEmbeddings embeddings,
            ModelMigrations migrations,
            ImageStore images,
            MlConfig serving,
            Clock clock) {
        this.migrate = requireNonNull(migrate, "migrate is null");
        this.embeddings = requireNonNull(embeddings, "embeddings is null");
        this.migrations = requireNonNull(migrations, "migrations is null");
        this.images = requireNonNull(images, "images is null");
        this.serving = requireNonNull(serving, "serving is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Loads the target recognizer (an unknown or broken pack is the caller's error, before anything is stored),
     * starts the migration and its pass.
     */
    public MigrationProgress start(Actor actor, String recognizer) {
        requireNonNull(recognizer, "recognizer is null");
        migrate.progress(actor);
        FaceEngine target = load(recognizer);
        try {
            MigrationProgress started = migrate.start(
                    actor, serving.recognizerPack(), target.embedder().model().id());
            runInBackground(target);
            return started;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** Resumes the latest migration's pass if it was left running, stopped or failed (at start-up). */
    public void resume() {
        Optional<MigrationProgress> latest = migrations.latest();
        if (latest.isEmpty()
                || !Set.of(MigrationProgress.State.RUNNING, MigrationProgress.State.STOPPED)
                        .contains(latest.get().state())) {
            return;
        }
        log.info("Resuming the model migration to {}", latest.get().targetModel());
        try {
            runInBackground(load(latest.get().targetModel()));
        } catch (FaceException e) {
            // The service still starts and serves with its recognizer; the operator sees the pass stopped.
            log.error("The model migration cannot resume: {}", e.getMessage());
        }
    }

    /** Runs the pass again (after a stop or failure, or for faces enrolled since it completed). */
    public MigrationProgress rerun(Actor actor) {
        migrate.progress(actor);
        FaceEngine target = load(migrations
                .latest()
                .orElseThrow(() -> new FaceException(FaceErrorCode.CONFLICT, "no model migration was started"))
                .targetModel());
        try {
            MigrationProgress reopened = migrate.reopen(actor);
            runInBackground(target);
            return reopened;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    public Optional<MigrationProgress> progress(Actor actor) {
        return migrate.progress(actor);
    }

    public List<MigrationFailure> failures(MigrationProgress progress) {
        return migrations.failures(progress.id(), FAILURES_SHOWN);
    }

    public MigrateModel operations() {
        return migrate;
    }

    private void runInBackground(FaceEngine target) {
        if (!running.compareAndSet(false, true)) {
            target.close();
            return;
        }
        executor.execute(() -> {
            try (target) {
                new MigrationPass(embeddings, migrations, images, target.decoder(), target.embedder(), clock, BATCH)
                        .run(closing::get);
            } finally {
                running.set(false);
            }
        });
    }

    private FaceEngine load(String recognizer) {
        try {
            return FaceEngine.start(serving.withRecognizerPack(recognizer));
        } catch (ModelPackException | IllegalArgumentException e) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "recognizer pack " + recognizer + " cannot be loaded: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closing.set(true);
        executor.shutdown();
    }
}
