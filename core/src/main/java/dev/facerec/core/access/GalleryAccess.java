package dev.facerec.core.access;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.gallery.GalleryAccessRepository;
import dev.facerec.core.person.PersonRepository;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The rule of restricted galleries, in one place for every front door: a gallery whose access list is empty is open
 * to every caller whose role allows the operation; one with entries is for the callers named and administrators only,
 * with its persons, faces and identification in it. Read on every call (no cache), so a change to a list takes effect
 * at once on every replica.
 */
public final class GalleryAccess {
    private final GalleryAccessRepository access;
    private final PersonRepository persons;

    public GalleryAccess(GalleryAccessRepository access, PersonRepository persons) {
        this.access = requireNonNull(access, "access is null");
        this.persons = requireNonNull(persons, "persons is null");
    }

    /** @throws FaceException {@code FORBIDDEN} when {@code actor} may not use the gallery */
    public void check(Actor actor, UUID galleryId) {
        if (!allows(actor, galleryId)) {
            throw new FaceException(
                    FaceErrorCode.FORBIDDEN,
                    "Gallery " + galleryId + " is restricted to named users and keys, and " + actor.name()
                            + " is not one of them. Ask an administrator (PUT /api/v1/galleries/{id}/access).",
                    Map.of("galleryId", galleryId.toString()));
        }
    }

    /**
     * Checks the gallery of the person. An unknown person passes: the use case answers {@code NOT_FOUND}, so a caller
     * learns nothing here that it could not learn there.
     */
    public void checkPerson(Actor actor, UUID personId) {
        requireNonNull(actor, "actor is null");
        persons.find(personId).ifPresent(person -> check(actor, person.galleryId()));
    }

    /**
     * Access lists themselves are for administrators only: whoever may change a list could name itself on it.
     *
     * @throws FaceException {@code FORBIDDEN} unless {@code actor} is an administrator
     */
    public void checkAdministrator(Actor actor) {
        if (!requireNonNull(actor, "actor is null").isAdministrator()) {
            throw new FaceException(
                    FaceErrorCode.FORBIDDEN,
                    "Only administrators read and change who may use a gallery, and " + actor.name() + " is not one.");
        }
    }

    public boolean allows(Actor actor, UUID galleryId) {
        requireNonNull(actor, "actor is null");
        requireNonNull(galleryId, "galleryId is null");
        if (actor.isAdministrator()) {
            return true;
        }
        Set<String> named = access.principals(galleryId);
        return named.isEmpty() || named.contains(actor.name());
    }

    /** The restricted galleries {@code actor} may not use, to leave out of lists; empty for administrators. */
    public Set<UUID> hidden(Actor actor) {
        requireNonNull(actor, "actor is null");
        if (actor.isAdministrator()) {
            return Set.of();
        }
        return access.restrictedGalleries().stream()
                .filter(gallery -> !allows(actor, gallery))
                .collect(Collectors.toUnmodifiableSet());
    }
}
