package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.event.ChangeKind;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.event.PersonChanged;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.Deletion;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.store.ImageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Creates, finds, changes and erases persons. Erasing a person deletes its faces, their unshared images, their index
 * entries and the embedding cache entries of their photos, and answers with a receipt. Each committed write raises
 * {@link PersonChanged} (an erasure raises {@link dev.facerec.core.event.FacesErased} for the faces before it).
 *
 * <p>Every operation takes the {@link Actor} who asks and applies {@link GalleryAccess} to the person's gallery before
 * any work: the persons of a restricted gallery are for the callers it names and administrators only.
 */
public final class ManagePersons {
    private final GalleryAccess access;
    private final GalleryRepository galleries;
    private final PersonRepository persons;
    private final Erasure erasure;
    private final Clock clock;
    private final DomainEvents events;

    /** @param queryModel the recognition model query images are analysed (and cached) with now */
    public ManagePersons(
            GalleryAccess access,
            GalleryRepository galleries,
            PersonRepository persons,
            FaceRepository faces,
            ImageStore images,
            GalleryIndex index,
            EmbeddingCache cache,
            Supplier<String> queryModel,
            Clock clock,
            DomainEvents events) {
        this.access = requireNonNull(access, "access is null");
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.persons = requireNonNull(persons, "persons is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.events = requireNonNull(events, "events is null");
        this.erasure = new Erasure(faces, images, index, cache, queryModel, clock, events);
    }

    /**
     * @throws FaceException {@code FORBIDDEN} if the gallery is restricted to other callers, {@code NOT_FOUND} if it
     *     does not exist, {@code CONFLICT} if the external id is taken in the gallery, {@code INVALID_REQUEST} if a
     *     field is out of bounds
     */
    public Person create(Actor actor, NewPerson request) {
        requireNonNull(request, "request is null");
        access.check(actor, request.galleryId());
        galleries.find(request.galleryId()).orElseThrow(() -> NotFound.gallery(request.galleryId()));
        Instant now = clock.instant();
        Person person = valid(() -> new Person(
                UUID.randomUUID(),
                request.galleryId(),
                request.name(),
                request.externalId(),
                request.metadata() == null ? "{}" : request.metadata(),
                now,
                now));
        Person created = persons.create(person);
        raise(created, ChangeKind.CREATED);
        return created;
    }

    /**
     * A page of persons. Across galleries only while no gallery is hidden from {@code actor}: the persons of the
     * galleries it may see are not what the query's total and paging would count otherwise.
     *
     * @throws FaceException {@code FORBIDDEN} if the query's gallery is restricted to other callers,
     *     {@code INVALID_REQUEST} (field {@code galleryId}) for a query across galleries when some are hidden from
     *     {@code actor}
     */
    public Page<Person> list(Actor actor, PersonQuery query) {
        requireNonNull(query, "query is null");
        if (query.galleryId() != null) {
            access.check(actor, query.galleryId());
        } else if (!access.hidden(actor).isEmpty()) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "Some galleries are restricted to other callers: list persons one gallery at a time with"
                            + " galleryId.",
                    Map.of("field", "galleryId"));
        }
        return persons.find(query);
    }

    /** @throws FaceException {@code NOT_FOUND}, {@code FORBIDDEN} if the person's gallery is restricted to others */
    public Person get(Actor actor, UUID id) {
        requireNonNull(actor, "actor is null");
        Person person = persons.find(requireNonNull(id, "id is null")).orElseThrow(() -> NotFound.person(id));
        access.check(actor, person.galleryId());
        return person;
    }

    /**
     * @throws FaceException as {@link #get}, then {@code CONFLICT} on a taken external id, {@code INVALID_REQUEST}
     */
    public Person update(Actor actor, UUID id, PersonChanges changes) {
        requireNonNull(changes, "changes is null");
        Person current = get(actor, id);
        String externalId = changes.externalId() == null
                ? current.externalId()
                : changes.externalId().isEmpty() ? null : changes.externalId();
        Person updated = valid(() -> new Person(
                current.id(),
                current.galleryId(),
                changes.name() == null ? current.name() : changes.name(),
                externalId,
                changes.metadata() == null ? current.metadata() : changes.metadata(),
                current.createdAt(),
                clock.instant()));
        Person saved = persons.update(updated);
        raise(saved, ChangeKind.UPDATED);
        return saved;
    }

    /**
     * Erases the person: its row and faces (logging their removal for the other replicas), the images no other face
     * refers to, its entries in this replica's index and the cached query results for its photos.
     *
     * @throws FaceException as {@link #get}
     */
    public ErasureReceipt delete(Actor actor, UUID id) {
        // Read first for the access list and the event: the deletion reports no gallery when the person had no faces.
        Person person = get(actor, id);
        Deletion deleted = persons.delete(id).orElseThrow(() -> NotFound.person(id));
        ErasureReceipt receipt = erasure.erased(
                new ErasureReceipt.Subject(ErasureReceipt.Type.PERSON, id), deleted.persons(), deleted.faces(), null);
        events.publish(new PersonChanged(person.galleryId(), id, ChangeKind.ERASED, receipt.erasedAt()));
        return receipt;
    }

    private void raise(Person person, ChangeKind kind) {
        events.publish(new PersonChanged(person.galleryId(), person.id(), kind, person.updatedAt()));
    }

    private static Person valid(java.util.function.Supplier<Person> person) {
        try {
            return person.get();
        } catch (IllegalArgumentException e) {
            throw new FaceException(FaceErrorCode.INVALID_REQUEST, e.getMessage() + ".", Map.of(), e);
        }
    }
}
