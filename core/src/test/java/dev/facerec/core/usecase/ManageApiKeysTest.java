package dev.facerec.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.Role;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.testing.InMemoryAccounts;
import dev.facerec.core.testing.InMemoryDatabase;
import dev.facerec.core.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ManageApiKeysTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemoryAccounts fakes = new InMemoryAccounts(clock);
    private final InMemoryDatabase database = new InMemoryDatabase();
    private final ManageAccounts accounts = new ManageAccounts(fakes.users, fakes.tokens, fakes.hasher, clock);
    private final ManageApiKeys keys =
            new ManageApiKeys(fakes.keys, database.galleries(), fakes.users, ManageApiKeys.Owners.ACCOUNTS, clock);
    private final UserAccount admin = accounts.register("admin", "Correct-Horse-Battery-42", Role.ADMIN);

    @Test
    void aCreatedKeyAuthenticatesAndOnlyItsHashIsStored() {
        ManageApiKeys.CreatedKey created = keys.create("ci pipeline", Role.VIEWER, null, null, "admin", Role.ADMIN);
        assertThat(created.value())
                .matches("frk_[0-9a-f]{12}\\.[A-Za-z0-9_-]{43}")
                .startsWith(created.key().prefix());
        assertThat(created.key().secretHash()).isNotEqualTo(created.value()).hasSize(64);
        assertThat(created.toString()).doesNotContain(created.value());

        assertThat(keys.authenticate(created.value()))
                .map(authenticated -> authenticated.key().id())
                .contains(created.key().id());
        assertThat(fakes.keys.find(created.key().id()).orElseThrow().lastUsedAt())
                .isEqualTo(clock.instant());
    }

    @Test
    void tamperedUnknownRevokedAndExpiredKeysDoNotAuthenticate() {
        ManageApiKeys.CreatedKey created = keys.create(
                "expiring", Role.OPERATOR, clock.instant().plus(Duration.ofDays(1)), null, "admin", Role.ADMIN);
        String value = created.value();
        String tampered = value.substring(0, value.length() - 1) + (value.endsWith("A") ? "B" : "A");
        assertThat(keys.authenticate(tampered)).isEmpty();
        assertThat(keys.authenticate("frk_000000000000." + "A".repeat(43))).isEmpty();
        assertThat(keys.authenticate("' or 1=1 --")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();

        clock.advance(Duration.ofDays(1));
        assertThat(keys.authenticate(value)).as("expired").isEmpty();

        ManageApiKeys.CreatedKey other = keys.create("other", Role.VIEWER, null, null, "admin", Role.ADMIN);
        keys.revoke(other.key().id());
        assertThat(keys.authenticate(other.value())).as("revoked").isEmpty();
    }

    @Test
    void aKeyIsBoundToAGalleryThatExists() {
        Gallery gallery = database.galleries().create(new Gallery(UUID.randomUUID(), "front door", clock.instant()));
        ManageApiKeys.CreatedKey bound =
                keys.create("double take", Role.OPERATOR, null, gallery.id(), "admin", Role.ADMIN);
        assertThat(keys.authenticate(bound.value()).orElseThrow().key().galleryId())
                .isEqualTo(gallery.id());

        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> keys.create("nowhere", Role.OPERATOR, null, unknown, "admin", Role.ADMIN))
                .isInstanceOfSatisfying(FaceException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaceErrorCode.INVALID_REQUEST);
                    assertThat(e.details()).containsEntry("field", "galleryId");
                });
    }

    @Test
    void aKeyCannotDoMoreThanItsCreatorAndNeedsAName() {
        assertThatThrownBy(() -> keys.create("escalate", Role.ADMIN, null, null, "op", Role.OPERATOR))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> keys.create(" ", Role.VIEWER, null, null, "admin", Role.ADMIN))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.details()).containsEntry("field", "name"));
        assertThatThrownBy(() -> keys.create("past", Role.VIEWER, clock.instant(), null, "admin", Role.ADMIN))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.details()).containsEntry("field", "expiresAt"));
        assertThatThrownBy(() -> keys.revoke(java.util.UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.NOT_FOUND));
    }

    @Test
    void aKeyDoesNoMoreThanItsOwnerMayNowAndNothingWhileTheOwnerIsDisabledOrGone() {
        String value = keys.create("deploy", Role.ADMIN, null, null, "admin", Role.ADMIN)
                .value();
        ManageApiKeys.CreatedKey viewerKey = keys.create("read-only", Role.VIEWER, null, null, "admin", Role.ADMIN);
        assertThat(roleOf(value)).contains(Role.ADMIN);

        accounts.changeAccess(admin.id(), Role.OPERATOR, true);
        assertThat(roleOf(value)).as("the owner is OPERATOR now").contains(Role.OPERATOR);
        assertThat(roleOf(viewerKey.value()))
                .as("a key's own role still bounds it")
                .contains(Role.VIEWER);

        accounts.changeAccess(admin.id(), Role.OPERATOR, false);
        assertThat(keys.authenticate(value)).as("the owner is disabled").isEmpty();
        accounts.changeAccess(admin.id(), Role.ADMIN, true);
        assertThat(roleOf(value)).as("enabled and ADMIN again").contains(Role.ADMIN);

        String orphan = keys.create("orphan", Role.VIEWER, null, null, "someone-deleted", Role.ADMIN)
                .value();
        assertThat(keys.authenticate(orphan)).as("no such account").isEmpty();
    }

    @Test
    void aKeyMadeByAKeyFollowsThatKeyAndItsOwner() {
        ManageApiKeys.CreatedKey parent = keys.create("parent", Role.ADMIN, null, null, "admin", Role.ADMIN);
        String child = keys.create(
                        "child",
                        Role.ADMIN,
                        null,
                        null,
                        ManageApiKeys.KEY_OWNER_PREFIX + parent.key().prefix(),
                        Role.ADMIN)
                .value();
        assertThat(roleOf(child)).contains(Role.ADMIN);

        accounts.changeAccess(admin.id(), Role.VIEWER, true);
        assertThat(roleOf(child)).as("the parent's owner is VIEWER now").contains(Role.VIEWER);

        accounts.changeAccess(admin.id(), Role.ADMIN, true);
        keys.revoke(parent.key().id());
        assertThat(keys.authenticate(child)).as("the parent is revoked").isEmpty();
    }

    @Test
    void aKeyOfAnExternalSubjectKeepsItsOwnRole() {
        var external = new ManageApiKeys(
                fakes.keys, database.galleries(), fakes.users, ManageApiKeys.Owners.EXTERNAL_SUBJECTS, clock);
        String value = external.create("ci", Role.OPERATOR, null, null, "ops-team-subject", Role.ADMIN)
                .value();
        assertThat(external.authenticate(value))
                .map(ManageApiKeys.Authenticated::role)
                .contains(Role.OPERATOR);
    }

    private Optional<Role> roleOf(String value) {
        return keys.authenticate(value).map(ManageApiKeys.Authenticated::role);
    }
}
