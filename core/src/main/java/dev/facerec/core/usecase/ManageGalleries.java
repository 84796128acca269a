package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.event.ChangeKind;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.event.GalleryChanged;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.Deletion;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.store.ImageStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Creates, lists and erases galleries. Erasing a gallery deletes its persons with their faces, the images no other
 * face refers to, its index partition, and the embedding cache entries of its photos: the cache holds query images,
 * and an enrolled photo may have been sent as a query too. Each committed write raises {@link GalleryChanged} (an
 * erasure raises {@link dev.facerec.core.event.FacesErased} for the faces before it).
 */
public final class ManageGalleries {
    private final GalleryRepository galleries;
    private final Erasure erasure;
    private final GalleryIndex index;
    private final String queryModelId;
    private final Clock clock;
    private final DomainEvents events;

    /** @param queryModelId the recognition model query images are analysed (and cached) with */
    public ManageGalleries(
            GalleryRepository galleries,
            FaceRepository faces,
            ImageStore images,
            GalleryIndex index,
            EmbeddingCache cache,
            String queryModelId,
            Clock clock,
            DomainEvents events) {
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.index = requireNonNull(index, "index is null");
        this.queryModelId = requireNonNull(queryModelId, "queryModelId is null");
        this.events = requireNonNull(events, "events is null");
        this.erasure = new Erasure(faces, images, index, cache, queryModelId, clock, events);
    }

    /**
     * Faces of the gallery that identification searches: those of the current recognition model, as this replica's
     * index holds them (without a database query, so a list of galleries can show it for each).
     */
    public int searchableFaces(UUID galleryId) {
        return index.size(requireNonNull(galleryId, "galleryId is null"), queryModelId);
    }

    /** @throws dev.facerec.core.FaceException {@code CONFLICT} if the name is taken */
    public Gallery create(String name) {
        return create(name, null);
    }

    /**
     * @param retentionDays days a face stays enrolled before it is erased automatically, or null for no limit
     * @throws dev.facerec.core.FaceException {@code INVALID_REQUEST} for a retention outside 1 to
     *     {@value Gallery#MAX_RETENTION_DAYS} days, {@code CONFLICT} if the name is taken
     */
    public Gallery create(String name, Integer retentionDays) {
        checkRetention(retentionDays);
        Gallery created = galleries.create(
                new Gallery(UUID.randomUUID(), requireNonNull(name, "name is null"), clock.instant(), retentionDays));
        events.publish(new GalleryChanged(created.id(), ChangeKind.CREATED, clock.instant()));
        return created;
    }

    /**
     * Sets or (with null) clears the retention. Shortening it takes effect at the next retention sweep, which then
     * erases every face already older than the new period.
     *
     * @throws dev.facerec.core.FaceException {@code INVALID_REQUEST} for a retention outside 1 to
     *     {@value Gallery#MAX_RETENTION_DAYS} days, {@code NOT_FOUND}
     */
    public Gallery setRetention(UUID id, Integer retentionDays) {
        requireNonNull(id, "id is null");
        checkRetention(retentionDays);
        Gallery updated = galleries.updateRetention(id, retentionDays).orElseThrow(() -> NotFound.gallery(id));
        events.publish(new GalleryChanged(id, ChangeKind.UPDATED, clock.instant()));
        return updated;
    }

    private static void checkRetention(Integer retentionDays) {
        try {
            Gallery.checkRetention(retentionDays);
        } catch (IllegalArgumentException e) {
            throw new FaceException(FaceErrorCode.INVALID_REQUEST, e.getMessage());
        }
    }

    public List<Gallery> list() {
        return galleries.findAll();
    }

    /**
     * A page of the galleries ordered by name, leaving out {@code hidden} ones (restricted to other callers) before
     * paging, so the total counts only what the caller may see. Galleries are few, so they are paged in memory.
     */
    public Page<Gallery> list(Set<UUID> hidden, PageRequest page) {
        requireNonNull(hidden, "hidden is null");
        return requireNonNull(page, "page is null")
                .of(galleries.findAll().stream()
                        .filter(gallery -> !hidden.contains(gallery.id()))
                        .toList());
    }

    /** @throws dev.facerec.core.FaceException {@code NOT_FOUND} */
    public Gallery get(UUID id) {
        return galleries.find(requireNonNull(id, "id is null")).orElseThrow(() -> NotFound.gallery(id));
    }

    /**
     * Erases the gallery and everything in it: the rows in one transaction (logging each face's removal for the other
     * replicas), then this replica's whole index partition, the unshared images and the cached query results.
     *
     * @throws dev.facerec.core.FaceException {@code NOT_FOUND}
     */
    public ErasureReceipt delete(UUID id) {
        Deletion deleted = galleries.delete(requireNonNull(id, "id is null")).orElseThrow(() -> NotFound.gallery(id));
        ErasureReceipt receipt = erasure.erased(
                new ErasureReceipt.Subject(ErasureReceipt.Type.GALLERY, id), deleted.persons(), deleted.faces(), id);
        events.publish(new GalleryChanged(id, ChangeKind.ERASED, receipt.erasedAt()));
        return receipt;
    }
}
