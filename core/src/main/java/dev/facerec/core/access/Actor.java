package dev.facerec.core.access;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.account.Role;

/**
 * Who asks, as every front door (REST, console, a bulk job acting for the user who started it) hands it to the core:
 * the name access lists know the caller by and the role it holds. Every use case that touches a gallery, its persons
 * or its faces takes one and applies {@link GalleryAccess} to it before doing any work.
 *
 * @param name the user name, {@code key:<prefix>} for an API key, or an external token's subject
 * @param role the caller's role; {@code null} when an external token carries none (it then has no role's rights)
 */
public record Actor(String name, Role role) {
    private static final Actor SYSTEM = new Actor("system", Role.ADMIN);
    private static final Actor ANONYMOUS = new Actor("anonymous", null);

    public Actor {
        requireNonNull(name, "name is null");
    }

    /**
     * The service itself, for work no caller asked for (sweeps, start-up, replica catch-up): an administrator, so no
     * access list stops it. Never hand it a caller's request; a job started by a user acts as that user.
     */
    public static Actor system() {
        return SYSTEM;
    }

    /** A caller that did not sign in: it holds no role, so only open galleries let it in, where its role allows. */
    public static Actor anonymous() {
        return ANONYMOUS;
    }

    public boolean isAdministrator() {
        return role != null && role.includes(Role.ADMIN);
    }
}
