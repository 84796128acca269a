package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.Role;
import dev.facerec.core.gallery.GalleryAccessRepository;
import dev.facerec.core.person.PersonRepository;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Enforces galleries restricted to named callers ({@link GalleryAccessRepository}): on top of the role rules, a
 * restricted gallery, its persons and faces, and identification in it are for the callers named and administrators
 * only. Checked on every request (no cache), so a change takes effect at once on every replica.
 */
public final class GalleryGuard {
    private final GalleryAccessRepository access;
    private final PersonRepository persons;

    public GalleryGuard(GalleryAccessRepository access, PersonRepository persons) {
        this.access = requireNonNull(access, "access is null");
        this.persons = requireNonNull(persons, "persons is null");
    }

    /** @throws FaceException {@code FORBIDDEN} when the current caller may not use the gallery */
    public void check(UUID galleryId) {
        if (!allows(galleryId)) {
            throw new FaceException(
                    FaceErrorCode.FORBIDDEN,
                    "Gallery " + galleryId + " is restricted to named users and keys, and " + callerName()
                            + " is not one of them. Ask an administrator (PUT /api/v1/galleries/{id}/access).",
                    Map.of("galleryId", galleryId.toString()));
        }
    }

    /** Checks the gallery of the person; an unknown person passes here and is answered 404 by the endpoint. */
    public void checkPerson(UUID personId) {
        persons.find(personId).ifPresent(person -> check(person.galleryId()));
    }

    public boolean allows(UUID galleryId) {
        if (isAdmin()) {
            return true;
        }
        Set<String> named = access.principals(galleryId);
        return named.isEmpty() || named.contains(callerName());
    }

    /** The restricted galleries the current caller may not use; empty for administrators. */
    public Set<UUID> hidden() {
        if (isAdmin()) {
            return Set.of();
        }
        return access.restrictedGalleries().stream()
                .filter(gallery -> !allows(gallery))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static boolean isAdmin() {
        return Caller.current()
                .map(caller -> caller.role() != null && caller.role().includes(Role.ADMIN))
                .orElse(false);
    }

    private static String callerName() {
        return Caller.current().map(Caller::name).orElse("anonymous");
    }
}
