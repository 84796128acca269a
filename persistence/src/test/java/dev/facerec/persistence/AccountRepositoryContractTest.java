package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.ApiKey;
import dev.facerec.core.account.ApiKeyRepository;
import dev.facerec.core.account.RefreshToken;
import dev.facerec.core.account.Role;
import dev.facerec.core.account.Secrets;
import dev.facerec.core.account.TokenRepository;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import dev.facerec.core.gallery.GalleryAccessRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contracts of the account, token and API key repositories, for every database. */
abstract class AccountRepositoryContractTest extends RepositoryContractTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private UserAccountRepository users;
    private TokenRepository tokens;
    private ApiKeyRepository keys;

    @BeforeAll
    void repositories() {
        users = context.getBean(UserAccountRepository.class);
        tokens = context.getBean(TokenRepository.class);
        keys = context.getBean(ApiKeyRepository.class);
    }

    private UserAccount newUser(Role role) {
        String name = "user-" + UUID.randomUUID().toString().substring(0, 18);
        return users.create(new UserAccount(UUID.randomUUID(), name, "{argon2}hash", role, true, NOW, NOW));
    }

    @Test
    void anAccountIsFoundByIdAndNameAsItWasSaved() {
        UserAccount account = newUser(Role.OPERATOR);
        assertThat(users.find(account.id())).contains(account);
        assertThat(users.findByUsername(account.username())).contains(account);
        assertThat(users.findAll()).contains(account);
        assertThat(users.count()).isPositive();
    }

    @Test
    void accountsAndKeysPageInTheOrderOfTheWholeList() {
        for (int i = 0; i < 3; i++) {
            newUser(Role.VIEWER);
            keys.create(new ApiKey(
                    UUID.randomUUID(),
                    "frk_" + Secrets.randomHex(6),
                    "ab".repeat(32),
                    "paged",
                    Role.VIEWER,
                    "admin",
                    NOW.plusSeconds(i),
                    null,
                    null,
                    null,
                    null));
        }
        assertThat(walk(users::findAll)).isEqualTo(users.findAll());
        assertThat(walk(keys::findAll)).isEqualTo(keys.findAll());
        Page<UserAccount> past = users.findAll(new PageRequest(Integer.MAX_VALUE, PageRequest.MAX_SIZE));
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).isEqualTo(users.count());
        assertThat(keys.findAll(new PageRequest(Integer.MAX_VALUE, PageRequest.MAX_SIZE))
                        .items())
                .isEmpty();
    }

    /** Every page of two, checking each page's total, concatenated. */
    private static <T> List<T> walk(java.util.function.Function<PageRequest, Page<T>> pages) {
        List<T> walked = new ArrayList<>();
        Page<T> page = pages.apply(new PageRequest(0, 2));
        long total = page.total();
        while (!page.items().isEmpty()) {
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            assertThat(page.total()).isEqualTo(total);
            walked.addAll(page.items());
            page = pages.apply(new PageRequest(page.page() + 1, 2));
        }
        assertThat(walked).hasSize((int) total);
        return walked;
    }

    @Test
    void aTakenUserNameIsAConflict() {
        UserAccount account = newUser(Role.VIEWER);
        var twin = new UserAccount(UUID.randomUUID(), account.username(), "{argon2}other", Role.ADMIN, true, NOW, NOW);
        assertThatThrownBy(() -> users.create(twin))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.CONFLICT));
    }

    @Test
    void anUpdateReplacesPasswordRoleAndStateOfTheAccountAsItWasRead() {
        UserAccount account = newUser(Role.ADMIN);
        Instant later = NOW.plusSeconds(60).plusNanos(123_456_000);
        UserAccount changed = account.withPassword("{argon2}new", later).withAccess(Role.VIEWER, false, later);
        assertThat(users.update(account, changed)).isTrue();
        assertThat(users.find(account.id()))
                .as("the credentials stamp exactly, to the microsecond")
                .contains(changed);

        UserAccount stale = account.withAccess(Role.OPERATOR, true, later);
        assertThat(users.update(account, stale))
                .as("written over a change it did not see")
                .isFalse();
        assertThat(users.find(account.id())).contains(changed);
        UserAccount nobody = new UserAccount(UUID.randomUUID(), "nobody-here", "x", Role.VIEWER, true, NOW, NOW);
        assertThat(users.update(nobody, nobody.withAccess(Role.ADMIN, true, NOW)))
                .isFalse();
    }

    @Test
    void aRefreshTokenIsUsedExactlyOnceEvenWhenTwoRequestsRace() throws Exception {
        UserAccount account = newUser(Role.VIEWER);
        RefreshToken token = refreshToken(account, UUID.randomUUID());
        tokens.save(token);
        assertThat(tokens.findByHash(token.tokenHash())).contains(token);

        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racers.add(() -> tokens.markUsed(token.id(), NOW));
            }
            long winners = 0;
            for (Future<Boolean> result : pool.invokeAll(racers)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
        assertThat(tokens.findByHash(token.tokenHash()).orElseThrow().usedAt()).isEqualTo(NOW);
    }

    @Test
    void revokingAFamilyRevokesEveryTokenOfItAndNoOther() {
        UserAccount account = newUser(Role.VIEWER);
        UUID family = UUID.randomUUID();
        RefreshToken first = refreshToken(account, family);
        RefreshToken second = refreshToken(account, family);
        RefreshToken other = refreshToken(account, UUID.randomUUID());
        List.of(first, second, other).forEach(tokens::save);

        assertThat(tokens.revokeFamily(family, NOW)).isEqualTo(2);
        assertThat(tokens.findByHash(first.tokenHash()).orElseThrow().revokedAt())
                .isEqualTo(NOW);
        assertThat(tokens.findByHash(second.tokenHash()).orElseThrow().revokedAt())
                .isEqualTo(NOW);
        assertThat(tokens.findByHash(other.tokenHash()).orElseThrow().revokedAt())
                .isNull();
        assertThat(tokens.markUsed(first.id(), NOW))
                .as("a revoked token cannot be used")
                .isFalse();

        assertThat(tokens.revokeAllOfUser(account.id(), NOW)).isEqualTo(1);
        assertThat(tokens.findByHash(other.tokenHash()).orElseThrow().revokedAt())
                .isEqualTo(NOW);
    }

    @Test
    void revokedAccessTokensAreRememberedUntilTheyExpire() {
        String id = UUID.randomUUID().toString();
        assertThat(tokens.isAccessTokenRevoked(id)).isFalse();
        tokens.revokeAccessToken(id, NOW.plusSeconds(600));
        tokens.revokeAccessToken(id, NOW.plusSeconds(600));
        assertThat(tokens.isAccessTokenRevoked(id)).isTrue();

        String expired = UUID.randomUUID().toString();
        tokens.revokeAccessToken(expired, NOW.minusSeconds(10));
        assertThat(tokens.purgeExpired(NOW)).isPositive();
        assertThat(tokens.isAccessTokenRevoked(expired)).isFalse();
        assertThat(tokens.isAccessTokenRevoked(id)).isTrue();
    }

    @Test
    void apiKeysAreFoundByPrefixRevokedAndTouched() {
        String prefix = "frk_" + Secrets.randomHex(6);
        ApiKey key = keys.create(new ApiKey(
                UUID.randomUUID(), prefix, "ab".repeat(32), "ci", Role.VIEWER, "admin", NOW, null, null, null, null));
        assertThat(keys.findByPrefix(prefix)).contains(key);
        assertThat(keys.findAll()).contains(key);

        Instant used = NOW.plusSeconds(5);
        keys.touch(key.id(), used);
        assertThat(keys.find(key.id()).orElseThrow().lastUsedAt()).isEqualTo(used);

        assertThat(keys.revoke(key.id(), used)).isTrue();
        assertThat(keys.revoke(key.id(), used.plusSeconds(1))).isTrue();
        ApiKey revoked = keys.find(key.id()).orElseThrow();
        assertThat(revoked.revokedAt()).as("the first revocation time stays").isEqualTo(used);
        assertThat(revoked.isActive(used)).isFalse();
        assertThat(keys.revoke(UUID.randomUUID(), used)).isFalse();
    }

    @Test
    void aKeyBoundToAGalleryKeepsItUntilTheGalleryIsDeleted() {
        UUID gallery = newGallery().id();
        String prefix = "frk_" + Secrets.randomHex(6);
        ApiKey key = keys.create(new ApiKey(
                UUID.randomUUID(),
                prefix,
                "ab".repeat(32),
                "cf",
                Role.OPERATOR,
                "admin",
                NOW,
                null,
                null,
                null,
                gallery));
        assertThat(keys.findByPrefix(prefix).orElseThrow().galleryId()).isEqualTo(gallery);

        galleries.delete(gallery);
        ApiKey unbound = keys.findByPrefix(prefix).orElseThrow();
        assertThat(unbound.galleryId())
                .as("deleting the gallery unbinds the key")
                .isNull();
        assertThat(unbound.revokedAt()).as("and does not revoke it").isNull();
        assertThat(unbound.id()).isEqualTo(key.id());
    }

    @Test
    void galleryAccessIsReplacedAsAWholeAndGoesWithItsGallery() {
        GalleryAccessRepository access = context.getBean(GalleryAccessRepository.class);
        UUID gallery = newGallery().id();
        assertThat(access.principals(gallery)).isEmpty();
        assertThat(access.restrictedGalleries()).doesNotContain(gallery);

        access.replace(gallery, Set.of("alice", "key:frk_0123456789ab"));
        assertThat(access.principals(gallery)).containsExactlyInAnyOrder("alice", "key:frk_0123456789ab");
        assertThat(access.restrictedGalleries()).contains(gallery);
        access.replace(gallery, Set.of("bob"));
        assertThat(access.principals(gallery)).containsExactly("bob");

        assertThatThrownBy(() -> access.replace(UUID.randomUUID(), Set.of("bob")))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.NOT_FOUND));
        galleries.delete(gallery);
        assertThat(access.principals(gallery)).isEmpty();
        assertThat(access.restrictedGalleries()).doesNotContain(gallery);
    }

    private static RefreshToken refreshToken(UserAccount account, UUID family) {
        return new RefreshToken(
                UUID.randomUUID(),
                family,
                account.id(),
                Secrets.sha256(Secrets.random(32)),
                NOW,
                NOW.plusSeconds(3600),
                null,
                null);
    }
}
