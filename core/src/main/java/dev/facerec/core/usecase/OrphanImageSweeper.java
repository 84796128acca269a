package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Deletes stored images that no face refers to, the leftovers of a compensation that could not reach the store or of a
 * process that died between storing an image and committing its face.
 *
 * <p>An enrollment stores its image before its face row commits, so an image seen unreferenced may belong to an
 * enrollment in flight. The sweeper therefore never deletes on first sight: a key is deleted only when it was found
 * unreferenced by the previous sweep too, at least the grace period earlier, and is still unreferenced when it is
 * deleted: the check and the delete run under the face write lock ({@link FaceRepository#deleteImageIfUnreferenced}),
 * so an enrolment of the same bytes either commits its face first and the image stays, or stores the image again
 * after the delete. A key found referenced, or missing, in between starts over. The candidates live in memory only:
 * after a restart the first sweep deletes nothing, which costs time, not safety.
 */
public final class OrphanImageSweeper {
    private static final System.Logger log = System.getLogger(OrphanImageSweeper.class.getName());

    private final FaceRepository faces;
    private final ImageStore images;
    private final Duration grace;
    private final Clock clock;
    // Key -> when it was first seen unreferenced, in the run of sweeps that ended with the last one.
    private Map<String, Instant> candidates = new HashMap<>();

    /**
     * @param grace how long a key must stay unreferenced before it goes; longer than any enrollment takes from storing
     *     its image to committing its face
     */
    public OrphanImageSweeper(FaceRepository faces, ImageStore images, Duration grace, Clock clock) {
        this.faces = requireNonNull(faces, "faces is null");
        this.images = requireNonNull(images, "images is null");
        this.grace = requireNonNull(grace, "grace is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
    }

    /** What one sweep did. */
    public record Report(long scanned, long candidates, long deleted, long failed) {}

    /**
     * Walks the store once. A failed delete is logged and the key stays a candidate for the next sweep; a store or
     * database failure mid-walk ends the sweep and keeps the candidates it had, so no key loses its age.
     *
     * @throws dev.facerec.core.FaceException {@code UNAVAILABLE} if the store or the database cannot be read
     */
    public synchronized Report sweep() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        // Read once, under this method's lock: the walk below runs in a lambda that SpotBugs sees as unsynchronized.
        Map<String, Instant> previous = candidates;
        Map<String, Instant> seen = new HashMap<>();
        long[] counts = new long[3]; // scanned, deleted, failed
        images.forEachKey(key -> {
            counts[0]++;
            if (faces.isImageReferenced(key)) {
                return;
            }
            Instant firstSeen = previous.get(key);
            if (firstSeen == null || firstSeen.plus(grace).isAfter(now)) {
                seen.put(key, firstSeen == null ? now : firstSeen);
            } else {
                switch (delete(key)) {
                    case DELETED -> counts[1]++;
                    case REFERENCED -> {} // a face committed since the scan looked: it starts over if orphaned again
                    case FAILED -> {
                        counts[2]++;
                        seen.put(key, firstSeen);
                    }
                }
            }
        });
        candidates = seen;
        Report report = new Report(counts[0], seen.size(), counts[1], counts[2]);
        log.log(
                Level.INFO,
                "Orphan image sweep: {0} images scanned, {1} unreferenced kept for the next sweep, {2} deleted,"
                        + " {3} failed, in {4} ms",
                report.scanned(),
                report.candidates(),
                report.deleted(),
                report.failed(),
                (System.nanoTime() - started) / 1_000_000);
        return report;
    }

    private Deletion delete(String key) {
        try {
            return faces.deleteImageIfUnreferenced(key, images::delete) ? Deletion.DELETED : Deletion.REFERENCED;
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "Could not delete the orphan image " + key + "; the next sweep retries", e);
            return Deletion.FAILED;
        }
    }

    private enum Deletion {
        DELETED,
        REFERENCED,
        FAILED
    }
}
