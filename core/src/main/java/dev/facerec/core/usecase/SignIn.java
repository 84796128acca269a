package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.AccessTokenIssuer;
import dev.facerec.core.account.AccessTokenIssuer.IssuedToken;
import dev.facerec.core.account.AttemptCounter;
import dev.facerec.core.account.PasswordHasher;
import dev.facerec.core.account.RefreshToken;
import dev.facerec.core.account.Secrets;
import dev.facerec.core.account.TokenRepository;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs users of the built-in issuer in and out. A sign-in gives a short-lived access token and a refresh token; each
 * refresh uses the refresh token up and hands out the next one, and presenting a used one again revokes the whole
 * sign-in (whoever copied it is locked out along with the owner, who signs in again).
 *
 * <p>Failed sign-ins are counted per account and per client address; past either limit further attempts are refused
 * with {@code RATE_LIMITED} until the window passes, even with the right password. The answer for a wrong password,
 * an unknown user and a disabled account is the same, and takes the same time.
 */
public final class SignIn {
    private static final String WRONG_CREDENTIALS = "Wrong user name or password.";

    private final UserAccountRepository users;
    private final TokenRepository tokens;
    private final PasswordHasher hasher;
    private final AccessTokenIssuer issuer;
    private final AttemptCounter attempts;
    private final Settings settings;
    private final Clock clock;
    private volatile String decoyHash;

    /**
     * @param refreshTokenLifetime how long a sign-in lasts without being refreshed
     * @param maxFailuresPerAccount failed attempts on one account within {@code failureWindow} before it locks
     * @param maxFailuresPerAddress failed attempts from one address within {@code failureWindow} before it locks
     * @param failureDelayStep each failure in the window makes the next refusal this much slower (at most 10 steps),
     *     so that guessing slows down before it locks out
     */
    public record Settings(
            Duration refreshTokenLifetime,
            int maxFailuresPerAccount,
            int maxFailuresPerAddress,
            Duration failureWindow,
            Duration failureDelayStep) {
        /** No added delay on failures. */
        public Settings(
                Duration refreshTokenLifetime,
                int maxFailuresPerAccount,
                int maxFailuresPerAddress,
                Duration failureWindow) {
            this(refreshTokenLifetime, maxFailuresPerAccount, maxFailuresPerAddress, failureWindow, Duration.ZERO);
        }

        public Settings {
            requireNonNull(refreshTokenLifetime, "refreshTokenLifetime is null");
            requireNonNull(failureWindow, "failureWindow is null");
            requireNonNull(failureDelayStep, "failureDelayStep is null");
            if (maxFailuresPerAccount < 1 || maxFailuresPerAddress < 1) {
                throw new IllegalArgumentException("failure limits must be positive");
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
            Settings settings,
            Clock clock) {
        this.users = requireNonNull(users, "users is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.attempts = requireNonNull(attempts, "attempts is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param address the client's address, for the per-address failure limit
     * @throws FaceException {@code UNAUTHENTICATED} for wrong credentials, {@code RATE_LIMITED} when locked out
     */
    public Session login(String username, String password, String address) {
        String name = UserAccount.normalise(username);
        String accountKey = "account:" + (name == null ? "-" : name);
        String addressKey = "address:" + requireNonNull(address, "address is null");
        refuseWhenLocked(accountKey, settings.maxFailuresPerAccount());
        refuseWhenLocked(addressKey, settings.maxFailuresPerAddress());
        Optional<UserAccount> account = name == null ? Optional.empty() : users.findByUsername(name);
        if (!passwordMatches(account, password) || !account.get().enabled()) {
            long failures = Math.max(
                    attempts.increment(accountKey, settings.failureWindow()),
                    attempts.increment(addressKey, settings.failureWindow()));
            slowDown(failures);
            throw new FaceException(FaceErrorCode.UNAUTHENTICATED, WRONG_CREDENTIALS);
        }
        attempts.reset(accountKey);
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
            throw new FaceException(
                    FaceErrorCode.UNAUTHENTICATED, "The refresh token is not valid any more. Sign in again.");
        }
        if (token.usedAt() != null || !tokens.markUsed(token.id(), now)) {
            tokens.revokeFamily(token.familyId(), now);
            throw new FaceException(
                    FaceErrorCode.UNAUTHENTICATED,
                    "This refresh token was used before, so the sign-in it belongs to is revoked. Sign in again.");
        }
        UserAccount account = users.find(token.userId()).orElse(null);
        if (account == null || !account.enabled() || token.issuedAt().isBefore(account.credentialsChangedAt())) {
            tokens.revokeFamily(token.familyId(), now);
            throw new FaceException(
                    FaceErrorCode.UNAUTHENTICATED, "The refresh token is not valid any more. Sign in again.");
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
        return new Session(issuer.issue(account, now), refresh, refreshExpires, account);
    }

    private void slowDown(long failures) {
        long millis = settings.failureDelayStep().toMillis() * Math.min(failures, 10);
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void refuseWhenLocked(String key, int limit) {
        if (attempts.count(key) >= limit) {
            long seconds = settings.failureWindow().toSeconds();
            throw new FaceException(
                    FaceErrorCode.RATE_LIMITED,
                    "Too many failed sign-ins. Wait " + seconds + " seconds before trying again.",
                    Map.of("retryAfterSeconds", seconds));
        }
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
