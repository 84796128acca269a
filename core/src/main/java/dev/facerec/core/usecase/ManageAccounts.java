package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.PasswordHasher;
import dev.facerec.core.account.Role;
import dev.facerec.core.account.TokenRepository;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Accounts of the built-in issuer: the first administrator, registration, password changes, roles and disabling.
 * Changing a password, lowering a role or disabling an account ends every sign-in of that account at once: its refresh
 * tokens are revoked and its access tokens, which carry the account's credentials stamp, stop matching it.
 */
public final class ManageAccounts {
    /** Shorter passwords are refused; longer than the maximum is refused too (the hash reads a bounded input). */
    public static final int MIN_PASSWORD_LENGTH = 12;

    public static final int MAX_PASSWORD_LENGTH = 128;

    private static final Set<String> WELL_KNOWN = Set.of(
            "password1234",
            "123456789012",
            "changeme1234",
            "administrator",
            "adminadmin12",
            "qwertyuiop12",
            "letmein12345",
            "facerec-admin",
            "change-me-please",
            "changemechangeme");

    private final UserAccountRepository users;
    private final TokenRepository tokens;
    private final PasswordHasher hasher;
    private final Clock clock;

    public ManageAccounts(UserAccountRepository users, TokenRepository tokens, PasswordHasher hasher, Clock clock) {
        this.users = requireNonNull(users, "users is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Creates the first administrator when there is no account at all; returns whether it did. */
    public boolean createFirstAdmin(String username, String password) {
        if (users.count() > 0) {
            return false;
        }
        register(username, password, Role.ADMIN);
        return true;
    }

    /**
     * @throws FaceException {@code INVALID_REQUEST} for a malformed user name or a weak password, {@code CONFLICT}
     *     when the user name is taken
     */
    public UserAccount register(String username, String password, Role role) {
        String name = UserAccount.normalise(username);
        if (name == null) {
            throw invalid(
                    "username", "The user name must have 3 to 64 characters: letters, digits, '.', '_', '-' or '@'.");
        }
        checkPassword(name, password);
        // Microseconds: the database keeps the credentials stamp exactly, and tokens compare it for equality.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return users.create(new UserAccount(
                UUID.randomUUID(), name, hasher.hash(password), requireNonNull(role, "role is null"), true, now, now));
    }

    /**
     * @throws FaceException {@code UNAUTHENTICATED} when {@code currentPassword} is wrong, {@code INVALID_REQUEST} for
     *     a weak new password
     */
    public void changePassword(UUID userId, String currentPassword, String newPassword) {
        UserAccount account = get(userId);
        if (currentPassword == null || !hasher.matches(currentPassword, account.passwordHash())) {
            throw new FaceException(FaceErrorCode.UNAUTHENTICATED, "The current password is wrong.");
        }
        checkPassword(account.username(), newPassword);
        String newHash = hasher.hash(newPassword);
        Instant now = clock.instant();
        AccountChanges.apply(users, userId, current -> {
                    if (!current.passwordHash().equals(account.passwordHash())) {
                        // Changed by another request since it was checked: what was checked is no longer current.
                        throw new FaceException(FaceErrorCode.UNAUTHENTICATED, "The current password is wrong.");
                    }
                    return current.withPassword(newHash, now);
                })
                .orElseThrow(() -> NotFound.of("user", userId));
        tokens.revokeAllOfUser(userId, now);
    }

    /** Sets role and enabled; ends the account's sign-ins unless access only grew. */
    public UserAccount changeAccess(UUID userId, Role role, boolean enabled) {
        requireNonNull(role, "role is null");
        Instant now = clock.instant();
        AccountChanges.Change change = AccountChanges.apply(
                        users, userId, current -> current.withAccess(role, enabled, now))
                .orElseThrow(() -> NotFound.of("user", userId));
        if (change.endedSignIns()) {
            tokens.revokeAllOfUser(userId, now);
        }
        return change.after();
    }

    public List<UserAccount> list() {
        return users.findAll();
    }

    /** A page of the accounts, ordered by user name. */
    public Page<UserAccount> list(PageRequest page) {
        return users.findAll(requireNonNull(page, "page is null"));
    }

    /** @throws FaceException {@code NOT_FOUND} */
    public UserAccount get(UUID userId) {
        return users.find(userId).orElseThrow(() -> NotFound.of("user", userId));
    }

    private static void checkPassword(String username, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw invalid(
                    "password",
                    "The password must have " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.contains(username)
                || WELL_KNOWN.contains(lower)
                || lower.chars().distinct().count() < 5) {
            throw invalid(
                    "password",
                    "The password is too easy to guess: it contains the user name, is a well-known password or"
                            + " repeats a few characters. Choose another.");
        }
    }

    private static FaceException invalid(String field, String message) {
        return new FaceException(FaceErrorCode.INVALID_REQUEST, message, Map.of("field", field));
    }
}
