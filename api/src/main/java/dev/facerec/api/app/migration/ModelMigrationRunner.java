package dev.facerec.api.app.migration;

import static java.util.Objects.requireNonNull;

import dev.facerec.api.http.load.LoadLimits;
import dev.facerec.core.BackgroundWork;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.RequestDeadline;
import dev.facerec.core.access.Actor;
import dev.facerec.core.migration.MigrateModel;
import dev.facerec.core.migration.MigrationFailure;
import dev.facerec.core.migration.MigrationPass;
import dev.facerec.core.migration.MigrationProgress;
import dev.facerec.core.migration.MigrationProgress.State;
import dev.facerec.core.migration.ModelEmbeddings;
import dev.facerec.core.migration.ModelMigrations;
import dev.facerec.core.store.ImageStore;
import dev.facerec.ml.FaceEngine;
import java.time.Clock;
import java.time.Duration;
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
 * The switch-over and the rollback go through here too: the switch-over first re-embeds the faces enrolled since the
 * pass completed (a few, with the engine the pass left loaded), then the swap commits, and this replica switches its
 * recognizer at once (the others within their poll interval, see {@link RecognizerSwitcher}). Closing it stops the
 * pass between two faces: the next start goes on from the data. Public for the route (dev.facerec.api.rest.migration).
 */
public final class ModelMigrationRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelMigrationRunner.class);
    private static final int BATCH = 64;
    private static final int FAILURES_SHOWN = 100;
    /** Faces enrolled since the pass completed that a switch-over re-embeds itself; more need another pass. */
    static final int SWITCH_OVER_CATCH_UP = 1000;
    /** Tries of a switch-over whose check found a face enrolled since its catch-up. */
    private static final int SWITCH_OVER_TRIES = 3;
    /** How long a switch-over or rollback waits for this replica to serve with the other model before it answers. */
    private static final Duration SERVING_WAIT = Duration.ofSeconds(20);

    private final MigrateModel migrate;
    private final ModelEmbeddings embeddings;
    private final ModelMigrations migrations;
    private final ImageStore images;
    private final String configuredModel;
    private final LoadedEngines engines;
    private final RecognizerSwitcher switcher;
    private final LoadLimits limits;
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
            String configuredModel,
            LoadedEngines engines,
            RecognizerSwitcher switcher,
            LoadLimits limits,
            Clock clock) {
        this.migrate = requireNonNull(migrate, "migrate is null");
        this.embeddings = requireNonNull(embeddings, "embeddings is null");
        this.migrations = requireNonNull(migrations, "migrations is null");
        this.images = requireNonNull(images, "images is null");
        this.configuredModel = requireNonNull(configuredModel, "configuredModel is null");
        this.engines = requireNonNull(engines, "engines is null");
        this.switcher = requireNonNull(switcher, "switcher is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Loads the target recognizer (an unknown or broken pack is the caller's error, before anything is stored),
     * starts the migration and its pass.
     */
    public MigrationProgress start(Actor actor, String recognizer) {
        requireNonNull(recognizer, "recognizer is null");
        migrate.progress(actor);
        FaceEngine target = engines.load(recognizer);
        try {
            MigrationProgress started = migrate.start(
                    actor, configuredModel, target.embedder().model().id());
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
                || !Set.of(State.RUNNING, State.STOPPED).contains(latest.get().state())) {
            return;
        }
        log.info("Resuming the model migration to {}", latest.get().targetModel());
        try {
            runInBackground(engines.load(latest.get().targetModel()));
        } catch (FaceException e) {
            // The service still starts and serves with its recognizer; the operator sees the pass stopped.
            log.error("The model migration cannot resume: {}", e.getMessage());
        }
    }

    /** Runs the pass again (after a stop or failure, or for faces enrolled since it completed). */
    public MigrationProgress rerun(Actor actor) {
        migrate.progress(actor);
        FaceEngine target = engines.takeOrLoad(migrations
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

    /**
     * Makes the migration's model the service's: re-embeds the faces enrolled since the pass completed (up to {@value
     * #SWITCH_OVER_CATCH_UP}), swaps every face's embeddings (refused with 409 if a face still lacks the new one),
     * and waits (up to 20 s) until this replica serves with the new model; the others follow within their poll
     * interval.
     */
    public MigrationProgress switchOver(Actor actor) {
        MigrationProgress latest = migrate.progress(actor)
                .orElseThrow(() -> new FaceException(FaceErrorCode.CONFLICT, "no model migration was started"));
        for (int attempt = 1; ; attempt++) {
            catchUp(latest);
            try {
                MigrationProgress switched = migrate.switchOver(actor);
                serve(switched.targetModel());
                return switched;
            } catch (FaceException e) {
                // A face enrolled between the catch-up and the swap's check: catch up with it too.
                if (attempt >= SWITCH_OVER_TRIES || !e.details().containsKey("missing")) {
                    throw e;
                }
            }
        }
    }

    /** Back to the source model: the swap the other way, then as {@link #switchOver}, this replica switches back. */
    public MigrationProgress rollBack(Actor actor) {
        MigrationProgress rolledBack = migrate.rollBack(actor);
        serve(rolledBack.sourceModel());
        return rolledBack;
    }

    /** Abandons the migration (see {@link MigrateModel#dropTarget}); the engine its pass left loaded goes too. */
    public long dropTarget(Actor actor) {
        long dropped = migrate.dropTarget(actor);
        engines.discard();
        return dropped;
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

    /** Re-embeds the faces a complete migration still lacks, when they are few, with the engine its pass left. */
    private void catchUp(MigrationProgress latest) {
        if (latest.state() != State.COMPLETE || running.get()) {
            return;
        }
        long missing = embeddings.countWithout(latest.targetModel());
        if (missing == 0 || missing > SWITCH_OVER_CATCH_UP) {
            return;
        }
        FaceEngine target = engines.takeOrLoad(latest.targetModel());
        try {
            long done = pass(target).catchUp(latest, SWITCH_OVER_CATCH_UP);
            log.info("Switch-over: {} faces enrolled since the pass re-embedded with {}", done, latest.targetModel());
        } finally {
            engines.keep(target);
        }
    }

    private void serve(String model) {
        switcher.wakeUp();
        if (!switcher.awaitServing(model, SERVING_WAIT)) {
            log.warn(
                    "This replica does not serve {} yet after {}; it goes on switching in the background",
                    model,
                    SERVING_WAIT);
        }
    }

    private void runInBackground(FaceEngine target) {
        if (!running.compareAndSet(false, true)) {
            target.close();
            return;
        }
        executor.execute(() -> {
            boolean keep = false;
            // Background work, as a bulk enrolment job: its model runs take one core and wait for requests.
            try (RequestDeadline.Scope background = BackgroundWork.enter()) {
                Optional<MigrationProgress> ran = pass(target).run(closing::get);
                // Complete: the switch-over will want this engine (its catch-up, then this replica's recognizer).
                keep = ran.isPresent() && ran.get().state() == State.COMPLETE && !closing.get();
            } finally {
                if (keep) {
                    engines.keep(target);
                } else {
                    target.close();
                }
                running.set(false);
            }
        });
    }

    private MigrationPass pass(FaceEngine target) {
        return new MigrationPass(
                embeddings,
                migrations,
                images,
                limits.decoder(target.decoder()),
                limits.embedder(target.embedder()),
                clock,
                BATCH);
    }

    @Override
    public void close() {
        closing.set(true);
        executor.shutdown();
    }
}
