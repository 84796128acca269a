package dev.facerec.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.ApiKey;
import dev.facerec.core.account.Role;
import dev.facerec.core.testing.InMemoryAccounts;
import dev.facerec.core.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManageApiKeysTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemoryAccounts fakes = new InMemoryAccounts(clock);
    private final ManageApiKeys keys = new ManageApiKeys(fakes.keys, clock);

    @Test
    void aCreatedKeyAuthenticatesAndOnlyItsHashIsStored() {
        ManageApiKeys.CreatedKey created = keys.create("ci pipeline", Role.VIEWER, null, "admin", Role.ADMIN);
        assertThat(created.value())
                .matches("frk_[0-9a-f]{12}\\.[A-Za-z0-9_-]{43}")
                .startsWith(created.key().prefix());
        assertThat(created.key().secretHash()).isNotEqualTo(created.value()).hasSize(64);
        assertThat(created.toString()).doesNotContain(created.value());

        assertThat(keys.authenticate(created.value()))
                .map(ApiKey::id)
                .contains(created.key().id());
        assertThat(fakes.keys.find(created.key().id()).orElseThrow().lastUsedAt())
                .isEqualTo(clock.instant());
    }

    @Test
    void tamperedUnknownRevokedAndExpiredKeysDoNotAuthenticate() {
        ManageApiKeys.CreatedKey created =
                keys.create("expiring", Role.OPERATOR, clock.instant().plus(Duration.ofDays(1)), "admin", Role.ADMIN);
        String value = created.value();
        String tampered = value.substring(0, value.length() - 1) + (value.endsWith("A") ? "B" : "A");
        assertThat(keys.authenticate(tampered)).isEmpty();
        assertThat(keys.authenticate("frk_000000000000." + "A".repeat(43))).isEmpty();
        assertThat(keys.authenticate("' or 1=1 --")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();

        clock.advance(Duration.ofDays(1));
        assertThat(keys.authenticate(value)).as("expired").isEmpty();

        ManageApiKeys.CreatedKey other = keys.create("other", Role.VIEWER, null, "admin", Role.ADMIN);
        keys.revoke(other.key().id());
        assertThat(keys.authenticate(other.value())).as("revoked").isEmpty();
    }

    @Test
    void aKeyCannotDoMoreThanItsCreatorAndNeedsAName() {
        assertThatThrownBy(() -> keys.create("escalate", Role.ADMIN, null, "op", Role.OPERATOR))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> keys.create(" ", Role.VIEWER, null, "admin", Role.ADMIN))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.details()).containsEntry("field", "name"));
        assertThatThrownBy(() -> keys.create("past", Role.VIEWER, clock.instant(), "admin", Role.ADMIN))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.details()).containsEntry("field", "expiresAt"));
        assertThatThrownBy(() -> keys.revoke(java.util.UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.NOT_FOUND));
    }
}
