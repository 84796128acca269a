package dev.facerec.core.account;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user or an API key may do. Each role includes the ones below it: an ADMIN may do everything an OPERATOR may,
 * an OPERATOR everything a VIEWER may.
 */
public enum Role {
    /** Detect, compare, verify and identify faces. */
    VIEWER,
    /** Manage galleries, persons and faces, and everything a viewer may. */
    OPERATOR,
    /** Manage users, API keys and encryption keys, read the audit log, and everything an operator may. */
    ADMIN;

    /** Whether this role may do what {@code other} may. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** This role and every role it includes, lowest first. */
    public List<Role> included() {
        return Arrays.stream(values()).filter(this::includes).toList();
    }

    /**
     * The role a token's role claim names, or empty. Any case matches ({@code admin}, as external issuers such as
     * Keycloak name roles, is ADMIN), but nothing else: not a name with spaces around it, not an index. Request bodies
     * do not come here: JSON takes a role by its exact name only.
     */
    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(role -> role.name().equals(name.toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}
