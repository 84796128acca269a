package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.AccessTokenIssuer;
import dev.facerec.core.account.AccessTokenIssuer.IssuedToken;
import dev.facerec.core.account.AttemptCounter;
import dev.facerec.core.account.KnownAddresses;
import dev.facerec.core.account.PasswordHasher;
import dev.facerec.core.account.RefreshToken;
import dev.facerec.core.account.Secrets;
import dev.facerec.core.account.TokenRepository;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs users of the built-in issuer in and out. A sign-in gives a short-lived access token and a refresh token; each
 * refresh uses the refresh token up and hands out the next one, and presenting a used one again proves a copy exists:
 * it ends every sign-in of the account, access tokens included (whoever copied it is locked out along with the owner,
 * who signs in again).
 *
 * <p>Failed sign-ins are throttled so that guessing slows and stops without letting a stranger lock anyone out:
 *
 * <ul>
 *   <li>one address failing on one account too often may not try that account again until the window passes;
 *   <li>one address failing on any accounts too often may not sign in at all until the window passes;
 *   <li>failures on one account from all addresses slow its refusals down (boundedly), and past a higher limit the
 *       account accepts, until the window passes, only addresses it has signed in from before: a guesser spread over
 *       many addresses is stopped, while the account's users at their usual addresses keep signing in.
 * </ul>
 *
 * A locked-out attempt is refused with {@code RATE_LIMITED} even with the right password. The answer for a wrong
 * password, an unknown user and a disabled account is the same, and takes the same time.
 */
public final class SignIn {
    private static final String WRONG_CREDENTIALS = "Wrong user name or password.";
    private static final String SIGN_IN_AGAIN = "The refresh token is not valid any more. Sign in again.";

    private final UserAccountRepository users;
    private final TokenRepository tokens;
    private final PasswordHasher hasher;
    private final AccessTokenIssuer issuer;
    private final SignInThrottle throttle;
    private final Settings settings;
    private final Clock clock;
    private volatile String decoyHash;

    /**
     * @param refreshTokenLifetime how long a sign-in lasts without being refreshed
     * @param maxFailuresPerAccountAndAddress failed attempts on one account from one address within
     *     {@code failureWindow} before that address is locked out of that account
     * @param maxFailuresPerAddress failed attempts from one address, on any accounts, within {@code failureWindow}
     *     before that address is locked out of every account
     * @param maxFailuresPerAccount failed attempts on one account from all addresses within {@code failureWindow}
     *     before it accepts only addresses it has signed in from before; 0 for never
     * @param failureWindow how long failures count, and so how long a lock-out lasts at most
     * @param failureDelayStep each failure in the window, on the account from anywhere or from the address, makes the
     *     next refusal this much slower (at most 10 steps), so that guessing slows down before it locks out
     * @param knownAddressLifetime how long an address that signed in to an account stays known to it
     */
    public record Settings(
            Duration refreshTokenLifetime,
            int maxFailuresPerAccountAndAddress,
            int maxFailuresPerAddress,
            int maxFailuresPerAccount,
            Duration failureWindow,
            Duration failureDelayStep,
            Duration knownAddressLifetime) {
        public Settings {
            requireNonNull(refreshTokenLifetime, "refreshTokenLifetime is null");
            requireNonNull(failureWindow, "failureWindow is null");
            requireNonNull(failureDelayStep, "failureDelayStep is null");
            requireNonNull(knownAddressLifetime, "knownAddressLifetime is null");
            if (maxFailuresPerAccountAndAddress < 1 || maxFailuresPerAddress < 1 || maxFailuresPerAccount < 0) {
                throw new IllegalArgumentException("failure limits must be positive (the per-account one may be 0)");
            }
        }
    }

    /** What a successful sign-in or refresh hands to the client. */
    public record Session(IssuedToken accessToken, String refreshToken, Instant refreshExpiresAt, UserAccount account) {
        @Override
        public String toString() {
            return "Session[account=" + account.username() + ", accessToken=" + accessToken + "]";
        }
    }

    public SignIn(
            UserAccountRepository users,
            TokenRepository tokens,
            PasswordHasher hasher,
            AccessTokenIssuer issuer,
            AttemptCounter attempts,
            KnownAddresses knownAddresses,
            Settings settings,
            Clock clock) {
        this.users = requireNonNull(users, "users is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.throttle = new SignInThrottle(attempts, knownAddresses, settings);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param address the client's address, for the throttles
     * @throws FaceException {@code UNAUTHENTICATED} for wrong credentials, {@code RATE_LIMITED} when locked out
     */
    public Session login(String username, String password, String address) {
        String name = UserAccount.normalise(username);
        throttle.refuseWhenLocked(name, requireNonNull(address, "address is null"));
        Optional<UserAccount> account = name == null ? Optional.empty() : users.findByUsername(name);
        if (!passwordMatches(account, password) || !account.get().enabled()) {
            throttle.failed(name, address);
            throw new FaceException(FaceErrorCode.UNAUTHENTICATED, WRONG_CREDENTIALS);
        }
        throttle.succeeded(name, address);
        return startSession(account.get(), UUID.randomUUID());
    }

    /**
     * Exchanges a refresh token for a new access token and the next refresh token.
     *
     * @throws FaceException {@code UNAUTHENTICATED} when the token is unknown, expired, revoked or used before (which
     *     also revokes every token of its sign-in)
     */
    public Session refresh(String refreshToken) {
        Instant now = clock.instant();
        RefreshToken token = refreshToken == null
                ? null
                : tokens.findByHash(Secrets.sha256(refreshToken)).orElse(null);
        if (token == null || token.revokedAt() != null || !now.isBefore(token.expiresAt())) {
            throw new FaceException(FaceErrorCode.UNAUTHENTICATED, SIGN_IN_AGAIN);
        }
        if (token.usedAt() != null || !tokens.markUsed(token.id(), now)) {
            tokens.revokeFamily(token.familyId(), now);
            AccountChanges.apply(users, token.userId(), account -> account.withSignInsEnded(now));
            tokens.revokeAllOfUser(token.userId(), now);
            throw new FaceException(
                    FaceErrorCode.UNAUTHENTICATED,
                    "This refresh token was used before, so every sign-in of its account is ended. Sign in again.");
        }
        UserAccount account = users.find(token.userId()).orElse(null);
        if (account == null || !account.enabled() || token.issuedAt().isBefore(account.credentialsChangedAt())) {
            tokens.revokeFamily(token.familyId(), now);
            throw new FaceException(FaceErrorCode.UNAUTHENTICATED, SIGN_IN_AGAIN);
        }
        return startSession(account, token.familyId());
    }

    /**
     * Ends a sign-in: revokes the refresh token's family (when it belongs to {@code userId}) and the access token
     * until it expires.
     */
    public void logout(UUID userId, String accessTokenId, Instant accessTokenExpiresAt, String refreshToken) {
        requireNonNull(userId, "userId is null");
        Instant now = clock.instant();
        if (accessTokenId != null && accessTokenExpiresAt != null) {
            tokens.revokeAccessToken(accessTokenId, accessTokenExpiresAt);
        }
        if (refreshToken != null) {
            tokens.findByHash(Secrets.sha256(refreshToken))
                    .filter(token -> token.userId().equals(userId))
                    .ifPresent(token -> tokens.revokeFamily(token.familyId(), now));
        }
    }

    private Session startSession(UserAccount account, UUID familyId) {
        Instant now = clock.instant();
        String refresh = Secrets.random(32);
        Instant refreshExpires = now.plus(settings.refreshTokenLifetime());
        tokens.save(new RefreshToken(
                UUID.randomUUID(), familyId, account.id(), Secrets.sha256(refresh), now, refreshExpires, null, null));
        // A password change, narrower access or a reuse that came in after the account was read revoked the refresh
        // tokens that existed then, not this one: look again now that it is stored, and give up if it missed it.
        boolean unchanged = users.find(account.id())
                .filter(UserAccount::enabled)
                .filter(current -> current.credentialsChangedAt().equals(account.credentialsChangedAt()))
                .isPresent();
        if (!unchanged) {
            tokens.revokeFamily(familyId, now);
            throw new FaceException(
                    FaceErrorCode.UNAUTHENTICATED, "The account changed while signing in. Sign in again.");
        }
        return new Session(issuer.issue(account, now), refresh, refreshExpires, account);
    }

    private boolean passwordMatches(Optional<UserAccount> account, String password) {
        if (password == null || password.length() > ManageAccounts.MAX_PASSWORD_LENGTH) {
            // No stored password is that long; hashing megabytes per attempt would only feed a flood.
            return false;
        }
        if (account.isEmpty()) {
            hasher.matches(password, decoyHash());
            return false;
        }
        return hasher.matches(password, account.get().passwordHash());
    }

    /** A hash to check unknown users' passwords against, so that they take as long as known users' do. */
    private String decoyHash() {
        String hash = decoyHash;
        if (hash == null) {
            hash = hasher.hash(Secrets.random(16));
            decoyHash = hash;
        }
        return hash;
    }
}
