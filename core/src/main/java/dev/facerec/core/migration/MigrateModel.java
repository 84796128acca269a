package dev.facerec.core.migration;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.migration.MigrationProgress.State;
import dev.facerec.core.recognizer.ModelSwitch;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's side of moving a deployment to another recognition model: start a migration, follow it, switch the
 * service over when every face has the new embedding, roll back, and finally drop the old embeddings. The background
 * pass itself is {@link MigrationPass}. Administrators only; every step is one short transaction, so it runs beside
 * normal traffic, which the source model keeps serving until the switch-over.
 *
 * <p>Which model the service identifies with follows from the latest migration ({@link #activeModel}): every replica
 * watches it and switches its recognizer while it serves (see {@link dev.facerec.core.recognizer.ActiveRecognizer}),
 * and a restarted one loads the right model.
 */
public final class MigrateModel {
    private static final Set<State> UNDER_WAY = Set.of(State.RUNNING, State.STOPPED, State.FAILED, State.COMPLETE);

    private final ModelEmbeddings embeddings;
    private final ModelMigrations migrations;
    private final Clock clock;

    public MigrateModel(ModelEmbeddings embeddings, ModelMigrations migrations, Clock clock) {
        this.embeddings = requireNonNull(embeddings, "embeddings is null");
        this.migrations = requireNonNull(migrations, "migrations is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Starts a migration from the model the service identifies with now to {@code targetModel}; the caller then runs
     * a {@link MigrationPass} with the target model loaded.
     *
     * @throws FaceException {@code FORBIDDEN} for a caller who is not an administrator; {@code CONFLICT} while
     *     another migration is under way or switched over (drop or roll back its embeddings first), or when the
     *     target is the model in use
     */
    public MigrationProgress start(Actor actor, String configuredModel, String targetModel) {
        requireAdministrator(actor);
        requireNonNull(targetModel, "targetModel is null");
        String active = activeModel(configuredModel);
        if (active.equals(targetModel)) {
            throw new FaceException(FaceErrorCode.CONFLICT, "the service already identifies with " + targetModel);
        }
        Optional<MigrationProgress> latest = migrations.latest();
        if (latest.isPresent()
                && (UNDER_WAY.contains(latest.get().state()) || latest.get().state() == State.SWITCHED)) {
            throw new FaceException(
                    FaceErrorCode.CONFLICT,
                    "migration " + latest.get().id() + " to " + latest.get().targetModel() + " is "
                            + latest.get().state() + "; finish or roll it back first");
        }
        MigrationProgress started =
                MigrationProgress.started(active, targetModel, embeddings.countWithout(targetModel), clock.instant());
        migrations.save(started);
        return started;
    }

    /**
     * Opens the latest migration's pass again (a completed one, for faces enrolled since; a stopped or failed one, to
     * go on): the caller then runs a {@link MigrationPass}.
     *
     * @throws FaceException {@code CONFLICT} if the latest migration is switched over, rolled back or finished, or
     *     there is none
     */
    public MigrationProgress reopen(Actor actor) {
        requireAdministrator(actor);
        MigrationProgress latest = migrations
                .latest()
                .filter(m -> UNDER_WAY.contains(m.state()))
                .orElseThrow(() -> new FaceException(FaceErrorCode.CONFLICT, "no migration pass to run again"));
        return save(latest.in(State.RUNNING, clock.instant(), null));
    }

    /** The latest migration, if any. */
    public Optional<MigrationProgress> progress(Actor actor) {
        requireAdministrator(actor);
        return migrations.latest();
    }

    /**
     * The model the stored faces are kept in, which every replica serves with: the target of a switched-over (or
     * finished) migration, the source of any other (under way, rolled back or abandoned: the model the service used
     * when it started), and {@code configuredModel} before the first migration. Read from the database, so every
     * replica, restarted or not, finds the same answer.
     */
    public String activeModel(String configuredModel) {
        return activeModel(migrations.latest(), configuredModel);
    }

    /** {@link #activeModel(String)} from the latest migration as read by the caller (at start-up, before wiring). */
    public static String activeModel(Optional<MigrationProgress> latest, String configuredModel) {
        requireNonNull(configuredModel, "configuredModel is null");
        return latest.map(MigrateModel::modelOf).orElse(configuredModel);
    }

    /**
     * The model a migration made the faces' ({@link #activeModel} without a configured fallback); empty before the
     * first migration, when each replica's configured recognizer decides and nothing is switched or refused.
     */
    public Optional<String> persistedModel() {
        return migrations.latest().map(MigrateModel::modelOf);
    }

    /**
     * The {@link dev.facerec.core.recognizer.ModelGuard} check: once a migration has chosen the faces' model ({@link
     * #persistedModel}), faces embedded with another may not be stored. Meant to run under the face write lock, which a
     * switch-over holds while it swaps and records its state, so the answer cannot change before the face commits.
     *
     * @throws FaceException {@code UNAVAILABLE} with {@code retryAfterSeconds} otherwise
     */
    public void requireActive(String modelId) {
        requireNonNull(modelId, "modelId is null");
        Optional<String> active = persistedModel().filter(model -> !model.equals(modelId));
        if (active.isPresent()) {
            throw ModelSwitch.enrolmentRefused(modelId, active.get());
        }
    }

    private static String modelOf(MigrationProgress migration) {
        return migration.state() == State.SWITCHED || migration.state() == State.FINISHED
                ? migration.targetModel()
                : migration.sourceModel();
    }

    /**
     * Makes the target model the service's: allowed once the pass is complete and no face lacks the target
     * embedding (faces enrolled since the pass ended are picked up by running it again).
     *
     * @throws FaceException {@code CONFLICT} if there is no complete migration or some face still lacks the target
     *     embedding (the message says how many)
     */
    public MigrationProgress switchOver(Actor actor) {
        requireAdministrator(actor);
        MigrationProgress latest = latestIn(State.COMPLETE, "switch over");
        MigrationProgress switched = latest.in(State.SWITCHED, clock.instant(), null);
        // Checked and recorded under the face write lock, in the swap's transaction: no face enrolled between the
        // check and the swap keeps the old model, and from the commit on every replica's enrolment check (see
        // requireActive) sees the new model.
        embeddings.swap(latest.targetModel(), () -> {
            long missing = embeddings.countWithout(latest.targetModel());
            if (missing > 0) {
                throw new FaceException(
                        FaceErrorCode.CONFLICT,
                        missing + " faces have no " + latest.targetModel()
                                + " embedding yet (enrolled since the pass, or failed): run the pass again",
                        Map.of("missing", missing));
            }
            migrations.save(switched);
        });
        return switched;
    }

    /**
     * Back to the source model after a switch-over: the embeddings swap places again, and the target ones stay until
     * {@link #dropTarget}. Faces enrolled since the switch-over have no source embedding: a migration back to the
     * source model gives them one.
     */
    public MigrationProgress rollBack(Actor actor) {
        requireAdministrator(actor);
        MigrationProgress latest = latestIn(State.SWITCHED, "roll back");
        MigrationProgress rolledBack = latest.in(State.ROLLED_BACK, clock.instant(), null);
        embeddings.swap(latest.sourceModel(), () -> migrations.save(rolledBack));
        return rolledBack;
    }

    /**
     * Drops the embeddings of an abandoned migration's target model (after a rollback, or instead of finishing a
     * pass); how many.
     */
    public long dropTarget(Actor actor) {
        requireAdministrator(actor);
        MigrationProgress latest = migrations
                .latest()
                .filter(m -> m.state() == State.ROLLED_BACK || UNDER_WAY.contains(m.state()))
                .orElseThrow(() -> new FaceException(FaceErrorCode.CONFLICT, "no migration to abandon"));
        long dropped = embeddings.drop(latest.targetModel());
        if (latest.state() != State.ROLLED_BACK) {
            save(latest.in(State.ROLLED_BACK, clock.instant(), "abandoned"));
        }
        return dropped;
    }

    /**
     * After a switch-over, when the operator says so: the source model's embeddings are dropped, which ends the
     * possibility of a rollback. The migration is then finished.
     *
     * @return how many embeddings were dropped
     */
    public long dropSource(Actor actor) {
        requireAdministrator(actor);
        MigrationProgress latest = latestIn(State.SWITCHED, "drop the old embeddings");
        long dropped = embeddings.drop(latest.sourceModel());
        save(latest.in(State.FINISHED, clock.instant(), null));
        return dropped;
    }

    private MigrationProgress latestIn(State state, String what) {
        return migrations
                .latest()
                .filter(m -> m.state() == state)
                .orElseThrow(() ->
                        new FaceException(FaceErrorCode.CONFLICT, "cannot " + what + ": no migration is " + state));
    }

    private MigrationProgress save(MigrationProgress progress) {
        migrations.save(progress);
        return progress;
    }

    static void requireAdministrator(Actor actor) {
        requireNonNull(actor, "actor is null");
        if (!actor.isAdministrator()) {
            throw new FaceException(FaceErrorCode.FORBIDDEN, "only administrators migrate the recognition model");
        }
    }
}
