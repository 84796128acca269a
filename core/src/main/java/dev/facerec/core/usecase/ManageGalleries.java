package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
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
import java.util.function.Supplier;

/**
 * Creates, lists and erases galleries. Erasing a gallery deletes its persons with their faces, the images no other
 * face refers to, its index partition, and the embedding cache entries of its photos: the cache holds query images,
 * and an enrolled photo may have been sent as a query too. Each committed write raises {@link GalleryChanged} (an
 * erasure raises {@link dev.facerec.core.event.FacesErased} for the faces before it).
 *
 * <p>Every operation takes the {@link Actor} who asks and applies {@link GalleryAccess} before any work: a restricted
 * gallery is refused ({@code FORBIDDEN}) to the callers it does not name, and lists leave it out for them.
 */
public final class ManageGalleries {
    private final GalleryAccess access;
    private final GalleryRepository galleries;
    private final Erasure erasure;
    private final GalleryIndex index;
    private final Supplier<String> queryModel;
    private final Clock clock;
    private final DomainEvents events;

    /** @param queryModel the recognition model query images are analysed (and cached) with now */
    public ManageGalleries(
            GalleryAccess access,
            GalleryRepository galleries,
            FaceRepository faces,
            ImageStore images,
            GalleryIndex index,
            EmbeddingCache cache,
            Supplier<String> queryModel,
            Clock clock,
            DomainEvents events) {
        this.access = requireNonNull(access, "access is null");
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.index = requireNonNull(index, "index is null");
        this.queryModel = requireNonNull(queryModel, "queryModel is null");
        this.events = requireNonNull(events, "events is null");
        this.erasure = new Erasure(faces, images, index, cache, queryModel, clock, events);
    }

    /**
     * Faces of the gallery that identification searches: those of the current recognition model, as this replica's
     * index holds them (without a database query for the count, so a list of galleries can show it for each).
     *
     * @throws FaceException {@code FORBIDDEN} if the gallery is restricted to other callers
     */
    public int searchableFaces(Actor actor, UUID galleryId) {
        access.check(actor, requireNonNull(galleryId, "galleryId is null"));
        return index.size(galleryId, queryModel.get());
    }

    /**
     * A new gallery is open to every caller whose role allows; {@code actor} is asked for all the same, so that every
     * gallery operation names who asks.
     *
     * @throws FaceException {@code CONFLICT} if the name is taken
     */
    public Gallery create(Actor actor, String name) {
        return create(actor, name, null);
    }

    /**
     * @param retentionDays days a face stays enrolled before it is erased automatically, or null for no limit
     * @throws dev.facerec.core.FaceException {@code INVALID_REQUEST} for a retention outside 1 to
     *     {@value Gallery#MAX_RETENTION_DAYS} days, {@code CONFLICT} if the name is taken
     */
    public Gallery create(Actor actor, String name, Integer retentionDays) {
        requireNonNull(actor, "actor is null");
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
     * @throws dev.facerec.core.FaceException {@code FORBIDDEN}, then {@code INVALID_REQUEST} for a retention outside 1
     *     to {@value Gallery#MAX_RETENTION_DAYS} days, {@code NOT_FOUND}
     */
    public Gallery setRetention(Actor actor, UUID id, Integer retentionDays) {
        access.check(actor, requireNonNull(id, "id is null"));
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

    /** The galleries {@code actor} may use, by name: those restricted to other callers are left out. */
    public List<Gallery> list(Actor actor) {
        Set<UUID> hidden = access.hidden(actor);
        return galleries.findAll().stream()
                .filter(gallery -> !hidden.contains(gallery.id()))
                .toList();
    }

    /**
     * A page of the galleries {@code actor} may use, by name. The hidden ones are left out before paging, so the total
     * counts only what the caller may see. Galleries are few, so they are paged in memory.
     */
    public Page<Gallery> list(Actor actor, PageRequest page) {
        requireNonNull(page, "page is null");
        return page.of(list(actor));
    }

    /** @throws dev.facerec.core.FaceException {@code FORBIDDEN}, {@code NOT_FOUND} */
    public Gallery get(Actor actor, UUID id) {
        access.check(actor, requireNonNull(id, "id is null"));
        return galleries.find(id).orElseThrow(() -> NotFound.gallery(id));
    }

    /**
     * Erases the gallery and everything in it: the rows in one transaction (logging each face's removal for the other
     * replicas), then this replica's whole index partition, the unshared images and the cached query results.
     *
     * @throws dev.facerec.core.FaceException {@code FORBIDDEN}, {@code NOT_FOUND}
     */
    public ErasureReceipt delete(Actor actor, UUID id) {
        access.check(actor, requireNonNull(id, "id is null"));
        Deletion deleted = galleries.delete(id).orElseThrow(() -> NotFound.gallery(id));
        ErasureReceipt receipt = erasure.erased(
                new ErasureReceipt.Subject(ErasureReceipt.Type.GALLERY, id), deleted.persons(), deleted.faces(), id);
        events.publish(new GalleryChanged(id, ChangeKind.ERASED, receipt.erasedAt()));
        return receipt;
    }
}
