package dev.facerec.core.testing;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.AccessTokenIssuer;
import dev.facerec.core.account.ApiKey;
import dev.facerec.core.account.ApiKeyRepository;
import dev.facerec.core.account.AttemptCounter;
import dev.facerec.core.account.KnownAddresses;
import dev.facerec.core.account.PasswordHasher;
import dev.facerec.core.account.RefreshToken;
import dev.facerec.core.account.TokenRepository;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account ports in memory, for use-case and web-slice tests: users, tokens and API keys, a password "hash" that
 * is fast (and worthless outside tests), numbered access tokens, counters that never expire unless reset and known
 * addresses never forgotten.
 */
public final class InMemoryAccounts {
    public final Users users = new Users();
    public final Tokens tokens = new Tokens();
    public final Keys keys = new Keys();
    public final PasswordHasher hasher = new FastHasher();
    public final Counter attempts = new Counter();
    public final Known knownAddresses = new Known();
    private final Clock clock;
    public final AccessTokenIssuer issuer;

    public InMemoryAccounts(Clock clock) {
        this.clock = clock;
        this.issuer = (account, now) -> new AccessTokenIssuer.IssuedToken(
                "token-for-" + account.username() + "-" + UUID.randomUUID(),
                UUID.randomUUID().toString(),
                now.plus(Duration.ofMinutes(15)));
    }

    public Clock clock() {
        return clock;
    }

    public static final class Users implements UserAccountRepository {
        private final Map<UUID, UserAccount> byId = new ConcurrentHashMap<>();

        @Override
        public synchronized UserAccount create(UserAccount account) {
            if (findByUsername(account.username()).isPresent()) {
                throw new FaceException(FaceErrorCode.CONFLICT, "The user name is taken.");
            }
            byId.put(account.id(), account);
            return account;
        }

        @Override
        public synchronized boolean update(UserAccount current, UserAccount changed) {
            if (!current.id().equals(changed.id())) {
                throw new IllegalArgumentException("an update keeps the id");
            }
            return byId.replace(current.id(), current, changed);
        }

        @Override
        public Optional<UserAccount> find(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<UserAccount> findByUsername(String username) {
            return byId.values().stream()
                    .filter(account -> account.username().equals(username))
                    .findFirst();
        }

        @Override
        public List<UserAccount> findAll() {
            return byId.values().stream()
                    .sorted(Comparator.comparing(UserAccount::username))
                    .toList();
        }

        @Override
        public long count() {
            return byId.size();
        }
    }

    public static final class Tokens implements TokenRepository {
        private final Map<UUID, RefreshToken> refresh = new HashMap<>();
        private final Map<String, Instant> revoked = new HashMap<>();

        @Override
        public synchronized void save(RefreshToken token) {
            refresh.put(token.id(), token);
        }

        @Override
        public synchronized Optional<RefreshToken> findByHash(String tokenHash) {
            return refresh.values().stream()
                    .filter(token -> token.tokenHash().equals(tokenHash))
                    .findFirst();
        }

        @Override
        public synchronized boolean markUsed(UUID tokenId, Instant at) {
            RefreshToken token = refresh.get(tokenId);
            if (token == null || token.usedAt() != null || token.revokedAt() != null) {
                return false;
            }
            refresh.put(tokenId, copy(token, at, null));
            return true;
        }

        @Override
        public synchronized int revokeFamily(UUID familyId, Instant at) {
            return revokeWhere(token -> token.familyId().equals(familyId), at);
        }

        @Override
        public synchronized int revokeAllOfUser(UUID userId, Instant at) {
            return revokeWhere(token -> token.userId().equals(userId), at);
        }

        private int revokeWhere(java.util.function.Predicate<RefreshToken> which, Instant at) {
            int count = 0;
            for (RefreshToken token : List.copyOf(refresh.values())) {
                if (which.test(token) && token.revokedAt() == null) {
                    refresh.put(token.id(), copy(token, token.usedAt(), at));
                    count++;
                }
            }
            return count;
        }

        @Override
        public synchronized void revokeAccessToken(String tokenId, Instant expiresAt) {
            revoked.put(tokenId, expiresAt);
        }

        @Override
        public synchronized boolean isAccessTokenRevoked(String tokenId) {
            return revoked.containsKey(tokenId);
        }

        @Override
        public synchronized int purgeExpired(Instant before) {
            int before1 = refresh.size() + revoked.size();
            refresh.values().removeIf(token -> token.expiresAt().isBefore(before));
            revoked.values().removeIf(expiry -> expiry.isBefore(before));
            return before1 - refresh.size() - revoked.size();
        }

        /** Every refresh token saved, for assertions. */
        public synchronized List<RefreshToken> all() {
            return List.copyOf(refresh.values());
        }

        private static RefreshToken copy(RefreshToken token, Instant usedAt, Instant revokedAt) {
            return new RefreshToken(
                    token.id(),
                    token.familyId(),
                    token.userId(),
                    token.tokenHash(),
                    token.issuedAt(),
                    token.expiresAt(),
                    usedAt,
                    revokedAt);
        }
    }

    public static final class Keys implements ApiKeyRepository {
        private final Map<UUID, ApiKey> byId = new ConcurrentHashMap<>();

        @Override
        public ApiKey create(ApiKey key) {
            byId.put(key.id(), key);
            return key;
        }

        @Override
        public Optional<ApiKey> find(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<ApiKey> findByPrefix(String prefix) {
            return byId.values().stream()
                    .filter(key -> key.prefix().equals(prefix))
                    .findFirst();
        }

        @Override
        public List<ApiKey> findAll() {
            return byId.values().stream()
                    .sorted(Comparator.comparing(ApiKey::createdAt).reversed())
                    .toList();
        }

        @Override
        public synchronized boolean revoke(UUID id, Instant at) {
            ApiKey key = byId.get(id);
            if (key == null) {
                return false;
            }
            if (key.revokedAt() == null) {
                byId.put(id, with(key, key.lastUsedAt(), at));
            }
            return true;
        }

        @Override
        public synchronized void touch(UUID id, Instant at) {
            byId.computeIfPresent(id, (ignored, key) -> with(key, at, key.revokedAt()));
        }

        private static ApiKey with(ApiKey key, Instant lastUsedAt, Instant revokedAt) {
            return new ApiKey(
                    key.id(),
                    key.prefix(),
                    key.secretHash(),
                    key.name(),
                    key.role(),
                    key.owner(),
                    key.createdAt(),
                    key.expiresAt(),
                    lastUsedAt,
                    revokedAt,
                    key.galleryId());
        }
    }

    /** Counts hashes, so a test can see that unknown users cost a hash too. */
    public static final class FastHasher implements PasswordHasher {
        public int hashes;
        public int checks;

        @Override
        public synchronized String hash(String password) {
            hashes++;
            return "{fake}" + new StringBuilder(password).reverse();
        }

        @Override
        public synchronized boolean matches(String password, String hash) {
            checks++;
            return hash.equals("{fake}" + new StringBuilder(password).reverse());
        }
    }

    /** Remembers every address for ever (tests start anew). */
    public static final class Known implements KnownAddresses {
        private final Map<String, java.util.Set<String>> addresses = new ConcurrentHashMap<>();

        @Override
        public void remember(String account, String address, Duration lifetime) {
            addresses
                    .computeIfAbsent(account, ignored -> ConcurrentHashMap.newKeySet())
                    .add(address);
        }

        @Override
        public boolean isKnown(String account, String address) {
            return addresses.getOrDefault(account, java.util.Set.of()).contains(address);
        }
    }

    /** Counts per key; windows never end (tests reset or start anew). */
    public static final class Counter implements AttemptCounter {
        private final Map<String, Long> counts = new ConcurrentHashMap<>();

        @Override
        public long increment(String key, Duration window) {
            return counts.merge(key, 1L, Long::sum);
        }

        @Override
        public long count(String key) {
            return counts.getOrDefault(key, 0L);
        }

        @Override
        public void reset(String key) {
            counts.remove(key);
        }
    }
}
