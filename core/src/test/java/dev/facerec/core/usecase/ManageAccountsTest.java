package dev.facerec.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.Role;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.testing.ChangedAfterRead;
import dev.facerec.core.testing.InMemoryAccounts;
import dev.facerec.core.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManageAccountsTest {
    private static final String PASSWORD = "Correct-Horse-Battery-42";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemoryAccounts fakes = new InMemoryAccounts(clock);
    private final ManageAccounts accounts = new ManageAccounts(fakes.users, fakes.tokens, fakes.hasher, clock);

    @Test
    void theFirstAdministratorIsCreatedOnlyWhenThereIsNoAccount() {
        assertThat(accounts.createFirstAdmin("admin", PASSWORD)).isTrue();
        assertThat(accounts.createFirstAdmin("root", PASSWORD)).isFalse();
        assertThat(accounts.list()).singleElement().satisfies(admin -> {
            assertThat(admin.username()).isEqualTo("admin");
            assertThat(admin.role()).isEqualTo(Role.ADMIN);
            assertThat(admin.passwordHash()).doesNotContain(PASSWORD);
            assertThat(admin.toString()).doesNotContain(admin.passwordHash());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"short-1", "aaaaaaaaaaaaaaaa", "password1234", "my-alice-password-long"})
    void weakPasswordsAreRefusedWithTheFieldNamed(String password) {
        assertThatThrownBy(() -> accounts.register("alice", password, Role.VIEWER))
                .isInstanceOfSatisfying(FaceException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaceErrorCode.INVALID_REQUEST);
                    assertThat(e.details()).containsEntry("field", "password");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "../../etc/passwd", "alice bob", "<script>", "robert'); drop table users;--"})
    void malformedUserNamesAreRefused(String username) {
        assertThatThrownBy(() -> accounts.register(username, PASSWORD, Role.VIEWER))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.details()).containsEntry("field", "username"));
    }

    @Test
    void aTakenNameIsAConflictWhateverItsCase() {
        accounts.register("alice", PASSWORD, Role.VIEWER);
        assertThatThrownBy(() -> accounts.register("ALICE", PASSWORD, Role.ADMIN))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.CONFLICT));
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPassword() {
        UserAccount alice = accounts.register("alice", PASSWORD, Role.VIEWER);
        assertThatThrownBy(() -> accounts.changePassword(alice.id(), "wrong-password!", "Another-Long-Passphrase-7"))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.UNAUTHENTICATED));
        clock.advance(Duration.ofMinutes(1));
        accounts.changePassword(alice.id(), PASSWORD, "Another-Long-Passphrase-7");
        assertThat(accounts.get(alice.id()).credentialsChangedAt()).isEqualTo(clock.instant());
    }

    @Test
    void narrowingAccessRevokesSignInsAndWideningDoesNot() {
        UserAccount alice = accounts.register("alice", PASSWORD, Role.OPERATOR);
        clock.advance(Duration.ofMinutes(1));
        UserAccount promoted = accounts.changeAccess(alice.id(), Role.ADMIN, true);
        assertThat(promoted.credentialsChangedAt()).isEqualTo(alice.credentialsChangedAt());

        clock.advance(Duration.ofMinutes(1));
        UserAccount demoted = accounts.changeAccess(alice.id(), Role.VIEWER, true);
        assertThat(demoted.credentialsChangedAt()).isEqualTo(clock.instant());
        clock.advance(Duration.ofMinutes(1));
        assertThat(accounts.changeAccess(alice.id(), Role.VIEWER, false).credentialsChangedAt())
                .isEqualTo(clock.instant());
        assertThatThrownBy(() -> accounts.get(java.util.UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.NOT_FOUND));
    }

    @Test
    void everyEndOfTheSignInsGivesANewStampEvenWhenTheClockStandsStill() {
        UserAccount alice = accounts.register("alice", PASSWORD, Role.ADMIN);
        Instant registered = alice.credentialsChangedAt();
        Instant demoted = accounts.changeAccess(alice.id(), Role.OPERATOR, true).credentialsChangedAt();
        accounts.changePassword(alice.id(), PASSWORD, "Another-Long-Passphrase-7");
        Instant changed = accounts.get(alice.id()).credentialsChangedAt();
        Instant disabled =
                accounts.changeAccess(alice.id(), Role.OPERATOR, false).credentialsChangedAt();
        assertThat(List.of(registered, demoted, changed, disabled))
                .doesNotHaveDuplicates()
                .isSorted();
        assertThat(accounts.changeAccess(alice.id(), Role.OPERATOR, false).credentialsChangedAt())
                .as("no change, no new stamp")
                .isEqualTo(disabled);
    }

    @Test
    void aPasswordChangeAtTheSameMomentAsADemotionDoesNotUndoIt() {
        UserAccount alice = accounts.register("alice", PASSWORD, Role.ADMIN);
        // The second read is the one the change reads before writing (the first is the password check's).
        var racing = new ChangedAfterRead(fakes.users, 2, () -> accounts.changeAccess(alice.id(), Role.VIEWER, true));
        new ManageAccounts(racing, fakes.tokens, fakes.hasher, clock)
                .changePassword(alice.id(), PASSWORD, "Another-Long-Passphrase-7");

        UserAccount stored = accounts.get(alice.id());
        assertThat(stored.role()).as("the demotion holds").isEqualTo(Role.VIEWER);
        assertThat(fakes.hasher.matches("Another-Long-Passphrase-7", stored.passwordHash()))
                .as("and so does the new password")
                .isTrue();
    }
}
