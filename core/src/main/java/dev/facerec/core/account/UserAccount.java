package dev.facerec.core.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A person who signs in to the service's own token issuer.
 *
 * @param username unique, stored lower case: 3 to 64 letters, digits, {@code . _ - @}
 * @param passwordHash the password encoder's output, with its algorithm prefix; never the password
 * @param credentialsChangedAt when the account's sign-ins were last ended (password change, narrower access, a reused
 *     refresh token). It is also the account's credentials stamp: an access token carries the value it was issued
 *     under and is valid only while the account still has exactly that value, so ending sign-ins gives it a new value
 *     every time, even when the clock stands still or goes back.
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

    /** A new password; every sign-in of the account ends. */
    public UserAccount withPassword(String newHash, Instant now) {
        return new UserAccount(id, username, newHash, role, enabled, createdAt, nextStamp(now));
    }

    /**
     * A role and state. When they narrow what the account may do (a lower role, or disabled), every sign-in ends;
     * when they only widen it, sign-ins go on with the role their tokens were issued with until those are refreshed.
     */
    public UserAccount withAccess(Role newRole, boolean nowEnabled, Instant now) {
        boolean narrowed = (enabled && !nowEnabled) || !newRole.includes(role);
        return new UserAccount(
                id,
                username,
                passwordHash,
                newRole,
                nowEnabled,
                createdAt,
                narrowed ? nextStamp(now) : credentialsChangedAt);
    }

    /** The same account with every sign-in ended. */
    public UserAccount withSignInsEnded(Instant now) {
        return new UserAccount(id, username, passwordHash, role, enabled, createdAt, nextStamp(now));
    }

    /** Whether {@code changed} ended the sign-ins this account had. */
    public boolean signInsEndedBy(UserAccount changed) {
        return !changed.credentialsChangedAt().equals(credentialsChangedAt);
    }

    /**
     * A stamp unlike the current one: {@code now}, or just after the current stamp when the clock has not passed it.
     * Microseconds, so that the database keeps it exactly.
     */
    private Instant nextStamp(Instant now) {
        Instant candidate = now.truncatedTo(ChronoUnit.MICROS);
        Instant current = credentialsChangedAt.truncatedTo(ChronoUnit.MICROS);
        return candidate.isAfter(current) ? candidate : current.plus(1, ChronoUnit.MICROS);
    }

    /** Never prints the password hash. */
    @Override
    public String toString() {
        return "UserAccount[id=" + id + ", username=" + username + ", role=" + role + ", enabled=" + enabled + "]";
    }
}
