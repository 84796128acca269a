package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.DeletedFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Erases the faces that have been enrolled longer than their gallery's retention period, by the same path as deleting
 * one face: each row goes in its own transaction that logs the removal for the other replicas, then the batch's index
 * entries, unshared images and cache entries go as in any erasure. Persons stay, possibly without faces: they may
 * carry a name and metadata that the operator still needs, and a person is no biometric data on its own.
 *
 * <p>Several replicas may sweep at once: they find the same faces, and whichever deletes a row first erases it; for
 * the others the row is gone, which is skipped, not an error. Work goes in batches so that no transaction and no
 * receipt grows with the size of a gallery. Each batch raises {@link dev.facerec.core.event.FacesErased}, so other
 * replicas and listeners learn of a sweep as of any other erasure.
 *
 * <p>The sweep is the service's own work, done as {@link dev.facerec.core.access.Actor#system()}: a gallery's access
 * list never keeps its retention period from applying, so it takes no caller and reads the repositories directly.
 */
public final class RetentionSweeper {
    private static final System.Logger log = System.getLogger(RetentionSweeper.class.getName());

    private final GalleryRepository galleries;
    private final FaceRepository faces;
    private final Erasure erasure;
    private final int batchSize;
    private final Clock clock;

    /** @param queryModel the recognition model query images are analysed (and cached) with now */
    public RetentionSweeper(
            GalleryRepository galleries,
            FaceRepository faces,
            ImageStore images,
            GalleryIndex index,
            EmbeddingCache cache,
            Supplier<String> queryModel,
            int batchSize,
            Clock clock,
            DomainEvents events) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.erasure = new Erasure(faces, images, index, cache, queryModel, clock, events);
        this.batchSize = batchSize;
    }

    /**
     * What one sweep did.
     *
     * @param galleries galleries with a retention period that were swept
     * @param erased faces this sweep erased (faces another replica erased first are not counted)
     * @param failed galleries whose sweep stopped on an error; the next sweep finds their faces again
     */
    public record Report(int galleries, long erased, int failed) {}

    /** Sweeps every gallery that has a retention period. */
    public Report sweep() {
        return sweep(erased -> {});
    }

    /**
     * Sweeps every gallery that has a retention period; a failure in one gallery is logged and the others are still
     * swept.
     *
     * @param onErased told the number of faces after each batch, so a count kept elsewhere stays right even when a
     *     later batch fails
     */
    public synchronized Report sweep(LongConsumer onErased) {
        requireNonNull(onErased, "onErased is null");
        long started = System.nanoTime();
        Instant now = clock.instant();
        int swept = 0;
        int failed = 0;
        long erased = 0;
        for (Gallery gallery : galleries.findAll()) {
            if (gallery.retention().isEmpty()) {
                continue;
            }
            swept++;
            try {
                erased += sweep(gallery.id(), now.minus(gallery.retention().get()), onErased);
            } catch (RuntimeException e) {
                failed++;
                log.log(
                        Level.WARNING,
                        "Retention sweep of gallery " + gallery.id() + " stopped; the next sweep goes on with it",
                        e);
            }
        }
        Report report = new Report(swept, erased, failed);
        log.log(
                failed == 0 ? Level.INFO : Level.WARNING,
                "Retention sweep: {0} galleries with a retention period, {1} faces erased, {2} galleries failed,"
                        + " in {3} ms",
                report.galleries(),
                report.erased(),
                report.failed(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return report;
    }

    /** Erases the gallery's faces enrolled before the cutoff, batch by batch; returns how many this call erased. */
    private long sweep(UUID galleryId, Instant cutoff, LongConsumer onErased) {
        long erased = 0;
        List<UUID> due;
        do {
            due = faces.enrolledBefore(galleryId, cutoff, batchSize);
            List<DeletedFace> deleted = new ArrayList<>(due.size());
            for (UUID faceId : due) {
                // Empty when another replica (or a user) deleted it since the listing: nothing left to erase.
                faces.delete(faceId).map(DeletedFace::of).ifPresent(deleted::add);
            }
            if (!deleted.isEmpty()) {
                erasure.erased(new ErasureReceipt.Subject(ErasureReceipt.Type.RETENTION, galleryId), 0, deleted, null);
                erased += deleted.size();
                onErased.accept(deleted.size());
            }
        } while (due.size() == batchSize);
        return erased;
    }
}
