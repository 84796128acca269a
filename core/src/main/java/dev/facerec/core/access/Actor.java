package dev.facerec.core.access;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.account.Role;

/**
 * Who asks, as every front door (REST, console, a bulk job acting for the user who started it) hands it to the core:
 * the name access lists know the caller by and the role it holds.
 *
 * @param name the user name, {@code key:<prefix>} for an API key, or an external token's subject
 * @param role the caller's role; {@code null} when an external token carries none (it then has no role's rights)
 */
public record Actor(String name, Role role) {
    public Actor {
        requireNonNull(name, "name is null");
    }

    public boolean isAdministrator() {
        return role != null && role.includes(Role.ADMIN);
    }
}
