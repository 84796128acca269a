package dev.facerec.core.migration;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceException;
import dev.facerec.core.WhenBusy;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.migration.MigrationProgress.State;
import dev.facerec.core.store.ImageStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The background pass of a model migration: re-embeds every stored face from its stored image with the target model,
 * using the stored face box and landmarks (no new detection), and stores the embedding next to the face's own.
 *
 * <p>Resumable and idempotent, like key rotation: what is done is recorded in the data itself (a face is done once
 * its target embedding exists), so a pass that stopped (on purpose, or with its replica) only does what is left, and
 * doing a face twice stores the same embedding again. Counters are saved after every batch. Faces erased meanwhile are
 * skipped: the embedding is inserted only while the face row exists, and the row's deletion cascades to it. Faces
 * enrolled meanwhile are picked up: the pass walks the faces again from the start until a walk finds nothing new.
 * A face whose image is missing, or cannot be decoded or embedded, is counted as failed with its reason; a later pass
 * retries it.
 *
 * <p>Run it on one replica: two passes at once re-embed the same faces twice, which is harmless but wasted.
 */
public final class MigrationPass {
    private static final System.Logger log = System.getLogger(MigrationPass.class.getName());

    private final ModelEmbeddings embeddings;
    private final ModelMigrations migrations;
    private final ImageStore images;
    private final ImageDecoder decoder;
    private final FaceEmbedder target;
    private final Clock clock;
    private final int batch;
    private final AtomicBoolean running = new AtomicBoolean();
    /** Tries of a face while the service answers that it is busy, {@link #BUSY_PAUSE} apart. */
    static final int BUSY_ATTEMPTS = 10;

    static final Duration BUSY_PAUSE = Duration.ofSeconds(1);

    /**
     * @param images the image store as the service reads it (decrypting)
     * @param target the target model, loaded beside the one serving
     * @param batch faces read, embedded and counted at a time
     */
    public MigrationPass(
            ModelEmbeddings embeddings,
            ModelMigrations migrations,
            ImageStore images,
            ImageDecoder decoder,
            FaceEmbedder target,
            Clock clock,
            int batch) {
        this.embeddings = requireNonNull(embeddings, "embeddings is null");
        this.migrations = requireNonNull(migrations, "migrations is null");
        this.images = requireNonNull(images, "images is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.target = requireNonNull(target, "target is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive: " + batch);
        }
        this.batch = batch;
    }

    /** Whether the latest migration is one this pass should run or continue (running, stopped or failed). */
    public Optional<MigrationProgress> pending() {
        return migrations
                .latest()
                .filter(m -> m.targetModel().equals(target.model().id()))
                .filter(m -> m.state() == State.RUNNING || m.state() == State.STOPPED || m.state() == State.FAILED);
    }

    /**
     * Runs (or continues) the latest migration to the end, or until {@code stop} says so between two faces; the final
     * progress. Empty if there is nothing to run, or if this pass is already running.
     */
    public Optional<MigrationProgress> run(BooleanSupplier stop) {
        requireNonNull(stop, "stop is null");
        Optional<MigrationProgress> pending = pending();
        if (pending.isEmpty() || !running.compareAndSet(false, true)) {
            return Optional.empty();
        }
        MigrationProgress progress = pending.get();
        try {
            progress = save(resumed(progress));
            log.log(
                    Level.INFO,
                    "Model migration {0} to {1}: {2} of {3} faces done",
                    progress.id(),
                    progress.targetModel(),
                    progress.done(),
                    progress.total());
            progress = walkUntilNothingNew(progress, stop);
            return Optional.of(progress);
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "Model migration stopped; run it again to go on", e);
            return Optional.of(
                    save(progress.in(State.FAILED, clock.instant(), e.getClass().getSimpleName())));
        } finally {
            running.set(false);
        }
    }

    /**
     * Re-embeds the faces of a complete migration that still lack the target embedding (enrolled since its pass
     * ended), at most {@code limit}, once each: what a switch-over does just before it swaps, so it need not wait for
     * another pass. A face that cannot be re-embedded is recorded as the pass records it. The migration's state and
     * counters are left as they are.
     *
     * @return how many faces were re-embedded (or found erased)
     */
    public long catchUp(MigrationProgress progress, int limit) {
        requireNonNull(progress, "progress is null");
        if (!progress.targetModel().equals(target.model().id())) {
            throw new IllegalArgumentException(
                    "this pass embeds with " + target.model().id() + ", not " + progress.targetModel());
        }
        long done = 0;
        UUID after = null;
        int left = limit;
        List<MigrationSource> page;
        while (left > 0
                && !(page = embeddings.facesWithout(progress.targetModel(), after, Math.min(batch, left))).isEmpty()) {
            for (MigrationSource source : page) {
                if (reEmbed(progress.id(), source)) {
                    done++;
                }
            }
            left -= page.size();
            after = page.getLast().faceId();
        }
        return done;
    }

    /** Counts again from the data: what a stopped or crashed pass did is in the database, not in memory. */
    private MigrationProgress resumed(MigrationProgress progress) {
        long failed = migrations.countFailures(progress.id());
        long done = Math.max(0, progress.total() - embeddings.countWithout(progress.targetModel()));
        return progress.in(State.RUNNING, clock.instant(), null).counted(done, failed, clock.instant());
    }

    private MigrationProgress walkUntilNothingNew(MigrationProgress start, BooleanSupplier stop) {
        MigrationProgress progress = start;
        Set<UUID> failedThisRun = new HashSet<>();
        boolean didSomething = true;
        while (didSomething) {
            didSomething = false;
            UUID after = null;
            List<MigrationSource> page;
            while (!(page = embeddings.facesWithout(progress.targetModel(), after, batch)).isEmpty()) {
                long done = progress.done();
                for (MigrationSource source : page) {
                    if (stop.getAsBoolean()) {
                        return save(progress.counted(done, migrations.countFailures(progress.id()), clock.instant())
                                .in(State.STOPPED, clock.instant(), null));
                    }
                    if (failedThisRun.contains(source.faceId())) {
                        continue;
                    }
                    didSomething = true;
                    if (reEmbed(progress.id(), source)) {
                        done++;
                    } else {
                        failedThisRun.add(source.faceId());
                    }
                }
                progress = save(progress.counted(done, migrations.countFailures(progress.id()), clock.instant()));
                after = page.getLast().faceId();
            }
        }
        return save(progress.in(State.COMPLETE, clock.instant(), null));
    }

    /**
     * True if the face was re-embedded or no longer exists; false (with its failure recorded) otherwise. A refusal
     * because the service is busy right now is not the face's failure: the face is tried again ({@link WhenBusy}, up
     * to {@link #BUSY_ATTEMPTS} times).
     */
    private boolean reEmbed(UUID migrationId, MigrationSource source) {
        try {
            return WhenBusy.retried(() -> reEmbedOnce(migrationId, source), BUSY_ATTEMPTS, BUSY_PAUSE);
        } catch (FaceException e) {
            return failed(migrationId, source, e.code() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // An embedding without direction (a blank crop): the face cannot be re-embedded, the pass goes on.
            return failed(migrationId, source, "not embeddable: " + e.getMessage());
        }
    }

    private boolean reEmbedOnce(UUID migrationId, MigrationSource source) {
        Optional<byte[]> bytes = images.get(source.imageKey());
        if (bytes.isEmpty()) {
            return failed(migrationId, source, "image missing from the store");
        }
        DecodedImage image = decoder.decode(bytes.get());
        List<Embedding> embedded = target.embed(image, List.of(source.face()));
        if (embeddings.store(source.faceId(), embedded.getFirst())) {
            migrations.clearFailure(migrationId, source.faceId());
        }
        return true;
    }

    private boolean failed(UUID migrationId, MigrationSource source, String reason) {
        log.log(Level.WARNING, "Model migration: face {0} not re-embedded: {1}", source.faceId(), reason);
        migrations.recordFailure(
                migrationId, source.faceId(), reason.length() > 200 ? reason.substring(0, 200) : reason);
        return false;
    }

    private MigrationProgress save(MigrationProgress progress) {
        migrations.save(progress);
        return progress;
    }
}
