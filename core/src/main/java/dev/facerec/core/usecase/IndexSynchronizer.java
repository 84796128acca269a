package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.FaceChange;
import dev.facerec.core.person.FaceRepository;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a {@link GalleryIndex} equal to the committed faces of one recognition model: {@link #rebuild()} loads them
 * all at start-up, {@link #catchUp()} replays the change log from there. Catch-up runs on a timer and whenever
 * another replica announces a change; calls from several threads are serialised, and a call that finds another in
 * progress waits for it and then applies whatever is still new.
 *
 * <p>A failed catch-up keeps the sequence of the last change applied, so the next call retries from there. Replaying a
 * change twice is harmless: index additions and removals are idempotent.
 */
public final class IndexSynchronizer {
    static final int BATCH = 1000;
    private static final System.Logger log = System.getLogger(IndexSynchronizer.class.getName());

    private final FaceRepository faces;
    private final GalleryIndex index;
    private final String modelId;
    private final int progressEvery;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long sequence = -1;

    /**
     * @param modelId only faces of this recognition model are indexed
     * @param progressEvery log the rebuild's progress after this many faces
     */
    public IndexSynchronizer(FaceRepository faces, GalleryIndex index, String modelId, int progressEvery) {
        this.faces = requireNonNull(faces, "faces is null");
        this.index = requireNonNull(index, "index is null");
        this.modelId = requireNonNull(modelId, "modelId is null");
        if (progressEvery < 1) {
            throw new IllegalArgumentException("progressEvery must be positive: " + progressEvery);
        }
        this.progressEvery = progressEvery;
    }

    /** Loads every face of the model into the index; returns the faces loaded. */
    public long rebuild() {
        lock.lock();
        try {
            long started = System.nanoTime();
            long[] loaded = {0};
            long snapshot = faces.forEachFace(modelId, face -> {
                index.add(face.galleryId(), face.personId(), face.id(), face.embedding());
                if (++loaded[0] % progressEvery == 0) {
                    log.log(Level.INFO, "Index rebuild for model {0}: {1} faces loaded", modelId, loaded[0]);
                }
            });
            sequence = snapshot;
            log.log(
                    Level.INFO,
                    "Index rebuild for model {0} done: {1} faces in {2} ms, at change {3}",
                    modelId,
                    loaded[0],
                    (System.nanoTime() - started) / 1_000_000,
                    snapshot);
            return loaded[0];
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies every change logged since the last one applied; returns how many were applied.
     *
     * @throws IllegalStateException if {@link #rebuild()} has not run yet
     */
    public int catchUp() {
        lock.lock();
        try {
            if (sequence < 0) {
                throw new IllegalStateException("rebuild the index before catching up");
            }
            int applied = 0;
            while (true) {
                List<FaceChange> changes = faces.changesAfter(sequence, BATCH);
                for (FaceChange change : changes) {
                    apply(change);
                    sequence = change.sequence();
                    applied++;
                }
                if (changes.size() < BATCH) {
                    return applied;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The recognition model whose faces this synchronizer indexes. */
    public String modelId() {
        return modelId;
    }

    /** The change-log sequence the index reflects; -1 before the first rebuild. */
    public long sequence() {
        return sequence;
    }

    private void apply(FaceChange change) {
        switch (change.kind()) {
            // A face deleted since its addition is missing here; its REMOVED entry follows in the log.
            case ADDED ->
                faces.find(change.faceId())
                        .filter(face -> face.modelId().equals(modelId))
                        .ifPresent(face -> index.add(face.galleryId(), face.personId(), face.id(), face.embedding()));
            case REMOVED -> index.remove(change.galleryId(), change.faceId());
        }
    }
}
