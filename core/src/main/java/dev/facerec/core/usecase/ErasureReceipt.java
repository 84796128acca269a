package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * What an erasure removed, for the caller to keep as proof. It holds identifiers and counts only, never a name, an
 * image or an embedding, so it can be stored and logged.
 *
 * @param persons person rows deleted
 * @param faces face rows deleted
 * @param images image objects deleted from the store
 * @param imagesKept images left in the store because a face outside the erasure refers to the same bytes
 * @param imagesLeftForSweep images whose deletion failed; nothing refers to them any more and the orphan sweeper
 *     deletes them on a later run
 * @param cacheEntriesEvicted embedding cache entries (query results for the same photos) removed
 * @param cacheEvictionsFailed evictions the cache backend did not confirm; such an entry lives until its expiry
 * @param indexEntriesRemoved entries removed from this replica's index
 * @param changeLogSequence every replica whose index has caught up with the change log to this sequence has removed
 *     the faces from its index too
 */
public record ErasureReceipt(
        UUID receiptId,
        Subject subject,
        Instant erasedAt,
        int persons,
        int faces,
        int images,
        int imagesKept,
        int imagesLeftForSweep,
        int cacheEntriesEvicted,
        int cacheEvictionsFailed,
        int indexEntriesRemoved,
        long changeLogSequence) {
    public ErasureReceipt {
        requireNonNull(receiptId, "receiptId is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(erasedAt, "erasedAt is null");
    }

    /** Whether everything is gone now, with nothing left to a sweep or to an expiry. */
    public boolean complete() {
        return imagesLeftForSweep == 0 && cacheEvictionsFailed == 0;
    }

    /** What was erased. */
    public record Subject(Type type, UUID id) {
        public Subject {
            requireNonNull(type, "type is null");
            requireNonNull(id, "id is null");
        }
    }

    /** The kinds of thing that can be erased. */
    public enum Type {
        PERSON,
        GALLERY,
        FACE,
        /** Faces of one gallery whose retention period ran out; the subject's id is the gallery's. */
        RETENTION
    }
}
