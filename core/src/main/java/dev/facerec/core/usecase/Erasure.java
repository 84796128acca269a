package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.event.FacesErased;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.DeletedFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Removes what deleted face rows leave behind: their entries in this replica's index, their images that no other
 * face shares, and the embedding cache entries of the same photos (an enrolled photo may also have been sent as a
 * query). Other replicas remove their index entries from the change log, which the rows' deletion wrote to in the
 * same transaction; the receipt names the sequence they must reach.
 *
 * <p>Runs after the rows are committed as deleted, so a failure here never brings a face back: each step is logged
 * and counted in the receipt, and the orphan sweeper, the synchronizer or the cache's expiry finishes it. Last it
 * raises {@link FacesErased}, one per gallery (an erasure touches one gallery today).
 */
final class Erasure {
    private static final System.Logger log = System.getLogger(Erasure.class.getName());

    private final FaceRepository faces;
    private final ImageCleanup images;
    private final IndexUpdates index;
    private final EmbeddingCache cache;
    private final Supplier<String> queryModel;
    private final Clock clock;
    private final DomainEvents events;

    /** A model that never changes, for {@code queryModel}. */
    static Supplier<String> fixed(String modelId) {
        requireNonNull(modelId, "queryModelId is null");
        return () -> modelId;
    }

    /** @param queryModel the model that query images are analysed with now, under which the cache holds them */
    Erasure(
            FaceRepository faces,
            ImageStore images,
            GalleryIndex index,
            EmbeddingCache cache,
            Supplier<String> queryModel,
            Clock clock,
            DomainEvents events) {
        this.faces = requireNonNull(faces, "faces is null");
        this.images = new ImageCleanup(faces, images);
        this.index = new IndexUpdates(index);
        this.cache = requireNonNull(cache, "cache is null");
        this.queryModel = requireNonNull(queryModel, "queryModel is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.events = requireNonNull(events, "events is null");
    }

    /**
     * Cleans up after faces whose rows are already deleted and writes the receipt.
     *
     * @param persons person rows deleted with them
     * @param droppedGallery the gallery whose index partition goes as a whole, or null
     */
    ErasureReceipt erased(
            ErasureReceipt.Subject subject, int persons, Collection<DeletedFace> deleted, UUID droppedGallery) {
        int indexEntries = 0;
        for (DeletedFace face : deleted) {
            indexEntries += index.removed(face.galleryId(), face.id()) ? 1 : 0;
        }
        if (droppedGallery != null) {
            indexEntries += index.removedGallery(droppedGallery);
        }
        ImageCleanup.Outcome stored = images.deleteUnreferenced(
                deleted.stream().map(DeletedFace::imageKey).distinct().toList());
        Evictions cached = evictCached(deleted);
        ErasureReceipt receipt = new ErasureReceipt(
                UUID.randomUUID(),
                subject,
                clock.instant(),
                persons,
                deleted.size(),
                stored.deleted(),
                stored.kept(),
                stored.failed(),
                cached.evicted(),
                cached.failed(),
                indexEntries,
                faces.lastChange());
        log.log(
                receipt.complete() ? Level.INFO : Level.WARNING,
                "Erased {0} {1}: receipt {2}, {3} faces, {4} images deleted, {5} kept, {6} left for the sweeper,"
                        + " {7} cache entries evicted, {8} evictions failed, at change {9}",
                subject.type(),
                subject.id(),
                receipt.receiptId(),
                receipt.faces(),
                receipt.images(),
                receipt.imagesKept(),
                receipt.imagesLeftForSweep(),
                receipt.cacheEntriesEvicted(),
                receipt.cacheEvictionsFailed(),
                receipt.changeLogSequence());
        raise(receipt, deleted);
        return receipt;
    }

    private void raise(ErasureReceipt receipt, Collection<DeletedFace> deleted) {
        Map<UUID, List<FacesErased.ErasedFace>> byGallery = new LinkedHashMap<>();
        for (DeletedFace face : deleted) {
            byGallery
                    .computeIfAbsent(face.galleryId(), gallery -> new ArrayList<>())
                    .add(new FacesErased.ErasedFace(face.id(), face.personId()));
        }
        FacesErased.Reason reason = switch (receipt.subject().type()) {
            case FACE -> FacesErased.Reason.FACE_DELETED;
            case PERSON -> FacesErased.Reason.PERSON_ERASED;
            case GALLERY -> FacesErased.Reason.GALLERY_ERASED;
            case RETENTION -> FacesErased.Reason.RETENTION_EXPIRED;
        };
        byGallery.forEach((galleryId, erased) ->
                events.publish(new FacesErased(galleryId, erased, reason, receipt.receiptId(), receipt.erasedAt())));
    }

    /**
     * Evicts each photo under the model its face was made with and under the current query model (they differ after
     * a model change, and a query caches under the current one).
     */
    private Evictions evictCached(Collection<DeletedFace> deleted) {
        Set<CacheKey> keys = new LinkedHashSet<>();
        for (DeletedFace face : deleted) {
            keys.add(new CacheKey(face.imageSha256(), face.modelId()));
            keys.add(new CacheKey(face.imageSha256(), queryModel.get()));
        }
        int evicted = 0;
        int failed = 0;
        for (CacheKey key : keys) {
            try {
                evicted += cache.evict(key.imageSha256(), key.modelId()) ? 1 : 0;
            } catch (RuntimeException e) {
                failed++;
                log.log(Level.WARNING, "An embedding cache entry of an erased photo may remain until it expires", e);
            }
        }
        return new Evictions(evicted, failed);
    }

    private record CacheKey(String imageSha256, String modelId) {}

    private record Evictions(int evicted, int failed) {}
}
