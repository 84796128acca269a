package dev.facerec.core.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A person who signs in to the service's own token issuer.
 *
 * @param username unique, stored lower case: 3 to 64 letters, digits, {@code . _ - @}
 * @param passwordHash the password encoder's output, with its algorithm prefix; never the password
 * @param credentialsChangedAt access tokens issued before this instant are refused (password change, disable)
 */
public record UserAccount(
        UUID id,
        String username,
        String passwordHash,
        Role role,
        boolean enabled,
        Instant createdAt,
        Instant credentialsChangedAt) {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._@-]{3,64}");

    public UserAccount {
        requireNonNull(id, "id is null");
        requireNonNull(username, "username is null");
        requireNonNull(passwordHash, "passwordHash is null");
        requireNonNull(role, "role is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(credentialsChangedAt, "credentialsChangedAt is null");
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username is not normalised: " + username);
        }
    }

    /** The stored form of a user name as typed, or null when it can never be one. */
    public static String normalise(String username) {
        if (username == null) {
            return null;
        }
        String normalised = username.trim().toLowerCase(Locale.ROOT);
        return USERNAME.matcher(normalised).matches() ? normalised : null;
    }

    public UserAccount withPassword(String newHash, Instant changedAt) {
        return new UserAccount(id, username, newHash, role, enabled, createdAt, changedAt);
    }

    public UserAccount withAccess(Role newRole, boolean nowEnabled, Instant changedAt) {
        return new UserAccount(id, username, passwordHash, newRole, nowEnabled, createdAt, changedAt);
    }

    /** Never prints the password hash. */
    @Override
    public String toString() {
        return "UserAccount[id=" + id + ", username=" + username + ", role=" + role + ", enabled=" + enabled + "]";
    }
}
