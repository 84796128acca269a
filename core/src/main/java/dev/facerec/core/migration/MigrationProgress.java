package dev.facerec.core.migration;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a model migration stands, as stored after every batch.
 *
 * @param total faces without an embedding of the target model when the migration started
 * @param done faces re-embedded so far (a face erased meanwhile is neither done nor failed)
 * @param failed faces that could not be re-embedded (see {@link ModelMigrations#failures}); a later pass retries them
 * @param updatedAt when the counters were last written: the rate is measured from {@code startedAt} to it
 * @param error the kind of failure that stopped the pass, or null
 */
public record MigrationProgress(
        UUID id,
        String sourceModel,
        String targetModel,
        State state,
        long total,
        long done,
        long failed,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt,
        String error) {
    public enum State {
        /** The pass is running, or was running when its replica stopped: the next runner continues it. */
        RUNNING,
        /** The pass was stopped on purpose before the end; starting the runner again continues it. */
        STOPPED,
        /** Every face the pass could read has the target embedding: the switch-over may happen. */
        COMPLETE,
        /** The target embeddings are the faces' own; the source ones are kept beside them for a rollback. */
        SWITCHED,
        /** Switched back to the source model after a switch-over; its target embeddings stay until dropped. */
        ROLLED_BACK,
        /** Switched over and the source embeddings dropped: the migration is over. */
        FINISHED,
        /** The pass stopped on an error that is not one face's (the database was unreachable, say). */
        FAILED
    }

    public MigrationProgress {
        requireNonNull(id, "id is null");
        requireNonNull(sourceModel, "sourceModel is null");
        requireNonNull(targetModel, "targetModel is null");
        requireNonNull(state, "state is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    static MigrationProgress started(String sourceModel, String targetModel, long total, Instant at) {
        return new MigrationProgress(
                UUID.randomUUID(), sourceModel, targetModel, State.RUNNING, total, 0, 0, at, at, null, null);
    }

    /** Faces re-embedded per second so far, from the start to the last update (0 before anything is done). */
    public double facesPerSecond() {
        double seconds = Duration.between(startedAt, updatedAt).toMillis() / 1000.0;
        return seconds > 0 ? done / seconds : 0;
    }

    /** The time left at the rate so far, or null when there is no rate yet or nothing is left. */
    public Duration eta() {
        long left = total - done - failed;
        double rate = facesPerSecond();
        if (left <= 0 || rate <= 0 || state != State.RUNNING) {
            return null;
        }
        return Duration.ofMillis((long) (left / rate * 1000));
    }

    MigrationProgress counted(long doneNow, long failedNow, Instant at) {
        return new MigrationProgress(
                id, sourceModel, targetModel, state, total, doneNow, failedNow, startedAt, at, finishedAt, error);
    }

    MigrationProgress in(State next, Instant at, String why) {
        Instant finished = next == State.RUNNING ? null : at;
        return new MigrationProgress(
                id, sourceModel, targetModel, next, total, done, failed, startedAt, at, finished, why);
    }
}
