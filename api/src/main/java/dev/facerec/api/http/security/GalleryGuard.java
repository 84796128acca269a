package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.gallery.GalleryAccessRepository;
import dev.facerec.core.person.PersonRepository;
import java.util.Set;
import java.util.UUID;

/**
 * The REST front door's side of {@link GalleryAccess}: the same rule of restricted galleries, for the caller of the
 * current request (an anonymous one is named {@code anonymous} and holds no role). Other front doors hand their
 * {@link Actor} to {@link GalleryAccess} themselves.
 */
public final class GalleryGuard {
    private static final Actor ANONYMOUS = new Actor("anonymous", null);

    private final GalleryAccess rule;

    public GalleryGuard(GalleryAccessRepository access, PersonRepository persons) {
        this(new GalleryAccess(access, persons));
    }

    public GalleryGuard(GalleryAccess rule) {
        this.rule = requireNonNull(rule, "rule is null");
    }

    /** @throws dev.facerec.core.FaceException {@code FORBIDDEN} when the current caller may not use the gallery */
    public void check(UUID galleryId) {
        rule.check(actor(), galleryId);
    }

    /** Checks the gallery of the person; an unknown person passes here and is answered 404 by the endpoint. */
    public void checkPerson(UUID personId) {
        rule.checkPerson(actor(), personId);
    }

    public boolean allows(UUID galleryId) {
        return rule.allows(actor(), galleryId);
    }

    /** The restricted galleries the current caller may not use; empty for administrators. */
    public Set<UUID> hidden() {
        return rule.hidden(actor());
    }

    private static Actor actor() {
        return Caller.current().map(Caller::actor).orElse(ANONYMOUS);
    }
}
