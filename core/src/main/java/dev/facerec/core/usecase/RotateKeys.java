package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.crypto.EncryptedFaces;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Re-encrypts every embedding and image not sealed under the ring's current key (legacy plaintext included), so the
 * previous keys can then be removed.
 *
 * <p>Idempotent and resumable: what is done is recorded in the data itself (each face's key ids), so a run that
 * stopped, or a second run, only does what is left. Safe while serving: the plaintext does not change, so neither the
 * in-memory index nor the change log is touched; each face is one short transaction. An image is re-stored under
 * the current key (which gives it a new content address), the faces that refer to it are pointed at the new key, and
 * the old object is deleted once nothing refers to it. An image or embedding that cannot be read is counted as
 * failed and skipped; the run goes on and a later run tries it again.
 *
 * <p>Identical photos share one stored image, so the object under the new key may be shared with a face being
 * deleted, or be an orphan the sweeper found: between this run's store and its move of the faces a deleter may
 * remove it as unreferenced. The move therefore checks, under the face write lock that deleters take too, that the
 * image is still there, and stores it again if not (see {@link EncryptedFaces#replaceImage}). The old object goes the
 * same way as any image: deleted under that lock only if no face refers to it (one enrolled meanwhile by a replica
 * still writing under the old key keeps it, and the next run moves that face).
 *
 * <p>Replicas still running with an older current key keep writing under it: rotate after every replica has restarted
 * with the new key.
 */
public final class RotateKeys {
    private static final System.Logger log = System.getLogger(RotateKeys.class.getName());
    private static final int PAGE = 200;

    private final EncryptedFaces faces;
    private final ImageStore images;
    private final ImageCleanup cleanup;
    private final KeyRing keys;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<RotationProgress> progress;

    /** @param images the encrypting store: it opens old envelopes on get and seals under the current key on put */
    public RotateKeys(
            EncryptedFaces faces, FaceRepository faceRepository, ImageStore images, KeyRing keys, Clock clock) {
        this.faces = requireNonNull(faces, "faces is null");
        this.images = requireNonNull(images, "images is null");
        this.cleanup = new ImageCleanup(requireNonNull(faceRepository, "faceRepository is null"), images);
        this.keys = requireNonNull(keys, "keys is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.progress = new AtomicReference<>(RotationProgress.idle(keys.currentKeyId()));
    }

    /** The progress of the running or last run. */
    public RotationProgress progress() {
        return progress.get();
    }

    /**
     * Claims the rotation for the caller, who then calls {@link #run()}; false while a run is going on. Split from
     * {@code run} so a caller can answer at once and run it in the background.
     */
    public boolean claim() {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        String keyId = keys.currentKeyId();
        try {
            progress.set(RotationProgress.started(
                    keyId, faces.countEmbeddingsNotUnder(keyId), faces.countImagesNotUnder(keyId), clock.instant()));
            return true;
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
    }

    /** Runs a claimed rotation to the end; the final progress. */
    public RotationProgress run() {
        if (!running.get()) {
            throw new IllegalStateException("claim() the rotation before running it");
        }
        try {
            String keyId = keys.currentKeyId();
            RotationProgress started = progress.get();
            log.log(
                    Level.INFO,
                    "Key rotation to key {0}: {1} embeddings and {2} images to re-encrypt",
                    keyId,
                    started.embeddingsTotal(),
                    started.imagesTotal());
            reEncryptEmbeddings(keyId);
            reEncryptImages(keyId);
            return finish(RotationProgress.State.DONE, null);
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "Key rotation stopped; run it again to go on", e);
            return finish(RotationProgress.State.FAILED, e.getClass().getSimpleName());
        } finally {
            running.set(false);
        }
    }

    private void reEncryptEmbeddings(String keyId) {
        UUID after = null;
        List<UUID> page;
        while (!(page = faces.embeddingsNotUnder(keyId, after, PAGE)).isEmpty()) {
            for (UUID faceId : page) {
                boolean done = attempt("embedding of face " + faceId, () -> faces.reEncryptEmbedding(faceId));
                update(p -> done ? p.embeddingDone() : p.failure());
            }
            after = page.getLast();
            logProgress();
        }
    }

    private void reEncryptImages(String keyId) {
        String after = null;
        List<String> page;
        while (!(page = faces.imagesNotUnder(keyId, after, PAGE)).isEmpty()) {
            for (String oldKey : page) {
                boolean done = attempt("image " + oldKey, () -> reEncryptImage(oldKey, keyId));
                update(p -> done ? p.imageDone() : p.failure());
            }
            after = page.getLast();
            logProgress();
        }
    }

    private boolean reEncryptImage(String oldKey, String keyId) {
        Optional<byte[]> bytes = images.get(oldKey);
        if (bytes.isEmpty()) {
            log.log(Level.WARNING, "Image {0} is referred to by faces but missing from the store", oldKey);
            return false;
        }
        String mediaType = ImageMediaType.sniff(bytes.get());
        String newKey = images.put(bytes.get(), mediaType);
        faces.replaceImage(
                oldKey, newKey, keyId, () -> SharedImages.storeAgainIfDeleted(images, newKey, bytes.get(), mediaType));
        if (!newKey.equals(oldKey)) {
            cleanup.deleteUnreferenced(List.of(oldKey));
        }
        return true;
    }

    private static boolean attempt(String what, BooleanSupplier action) {
        try {
            return action.getAsBoolean();
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "Could not re-encrypt the " + what + "; a later rotation tries again", e);
            return false;
        }
    }

    private void update(UnaryOperator<RotationProgress> change) {
        progress.updateAndGet(change);
    }

    private void logProgress() {
        RotationProgress now = progress.get();
        log.log(
                Level.INFO,
                "Key rotation: {0}/{1} embeddings, {2}/{3} images, {4} failed",
                now.embeddingsDone(),
                now.embeddingsTotal(),
                now.imagesDone(),
                now.imagesTotal(),
                now.failed());
    }

    private RotationProgress finish(RotationProgress.State state, String error) {
        RotationProgress finished = progress.updateAndGet(p -> p.finished(state, clock.instant(), error));
        logProgress();
        return finished;
    }
}
