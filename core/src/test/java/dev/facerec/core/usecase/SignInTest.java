package dev.facerec.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.RefreshToken;
import dev.facerec.core.account.Role;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import dev.facerec.core.testing.ChangedAfterRead;
import dev.facerec.core.testing.InMemoryAccounts;
import dev.facerec.core.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInTest {
    private static final String PASSWORD = "Correct-Horse-Battery-42";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemoryAccounts fakes = new InMemoryAccounts(clock);
    private final ManageAccounts accounts = new ManageAccounts(fakes.users, fakes.tokens, fakes.hasher, clock);
    /** 3 failures per account and address, 5 per address, 8 per account from all addresses. */
    private final SignIn signIn = signIn(fakes.users, 8, Duration.ZERO);

    private final UserAccount alice = accounts.register("Alice", PASSWORD, Role.OPERATOR);

    @Test
    void theRightPasswordGivesTokensAndTheUserNameIsCaseInsensitive() {
        SignIn.Session session = signIn.login(" ALICE ", PASSWORD, "10.0.0.1");
        assertThat(session.account()).isEqualTo(alice);
        assertThat(session.accessToken().value()).startsWith("token-for-alice");
        assertThat(session.refreshExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        assertThat(fakes.tokens.all())
                .singleElement()
                .satisfies(stored -> assertThat(stored.tokenHash())
                        .as("only the hash is stored")
                        .isNotEqualTo(session.refreshToken())
                        .hasSize(64));
    }

    @Test
    void aWrongPasswordAnUnknownUserAndADisabledAccountGetTheSameAnswerAndCostAHash() {
        accounts.changeAccess(accounts.register("bob", PASSWORD, Role.VIEWER).id(), Role.VIEWER, false);
        int checks = ((InMemoryAccounts.FastHasher) fakes.hasher).checks;
        String wrongPassword = failure(() -> signIn.login("alice", "not-the-password", "a"));
        String unknownUser = failure(() -> signIn.login("nobody", PASSWORD, "b"));
        String disabled = failure(() -> signIn.login("bob", PASSWORD, "c"));
        assertThat(wrongPassword).isEqualTo(unknownUser).isEqualTo(disabled).isEqualTo("Wrong user name or password.");
        assertThat(((InMemoryAccounts.FastHasher) fakes.hasher).checks - checks).isEqualTo(3);
    }

    @Test
    void failuresFromOneAddressLockThatAddressOutOfTheAccountOnly() {
        for (int i = 0; i < 3; i++) {
            assertThat(failure(() -> signIn.login("alice", "wrong-password", "198.51.100.7")))
                    .isEqualTo("Wrong user name or password.");
        }
        assertThatThrownBy(() -> signIn.login("alice", PASSWORD, "198.51.100.7"))
                .as("the guessing address, even with the right password")
                .isInstanceOfSatisfying(FaceException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaceErrorCode.RATE_LIMITED);
                    assertThat(e.details()).containsEntry("retryAfterSeconds", 900L);
                });
        assertThat(signIn.login("alice", PASSWORD, "203.0.113.9").account())
                .as("alice from anywhere else")
                .isEqualTo(alice);
        UserAccount bob = accounts.register("bob", PASSWORD, Role.VIEWER);
        assertThat(signIn.login("bob", PASSWORD, "198.51.100.7").account())
                .as("another account from the guessing address")
                .isEqualTo(bob);
    }

    @Test
    void aSuccessForgetsTheAddressesFailuresOnTheAccount() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> signIn.login("alice", "typo-in-the-password", "10.0.0.1"))
                        .isInstanceOfSatisfying(
                                FaceException.class,
                                e -> assertThat(e.code()).isEqualTo(FaceErrorCode.UNAUTHENTICATED));
            }
            assertThat(signIn.login("alice", PASSWORD, "10.0.0.1").account()).isEqualTo(alice);
        }
    }

    @Test
    void repeatedFailuresFromOneAddressLockThatAddressForEveryAccount() {
        for (int i = 0; i < 5; i++) {
            int attempt = i;
            assertThatThrownBy(() -> signIn.login("user" + attempt, PASSWORD, "192.0.2.7"))
                    .isInstanceOf(FaceException.class);
        }
        assertThatThrownBy(() -> signIn.login("alice", PASSWORD, "192.0.2.7"))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.RATE_LIMITED));
        assertThat(signIn.login("alice", PASSWORD, "192.0.2.8").account()).isEqualTo(alice);
    }

    @Test
    void failuresFromManyAddressesCloseTheAccountToAddressesItHasNotSignedInFrom() {
        signIn.login("alice", PASSWORD, "10.0.0.1");
        for (int i = 0; i < 8; i++) {
            String address = "192.0.2." + i;
            assertThat(failure(() -> signIn.login("alice", "guess-" + address, address)))
                    .isEqualTo("Wrong user name or password.");
        }
        assertThatThrownBy(() -> signIn.login("alice", PASSWORD, "203.0.113.9"))
                .as("an address alice never signed in from")
                .isInstanceOfSatisfying(FaceException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaceErrorCode.RATE_LIMITED);
                    assertThat(e.getMessage()).contains("addresses that have signed in to it before");
                });
        assertThat(signIn.login("alice", PASSWORD, "10.0.0.1").account())
                .as("the address alice signs in from")
                .isEqualTo(alice);

        for (int i = 0; i < 8; i++) {
            String address = "192.0.2." + (100 + i);
            assertThatThrownBy(() -> signIn.login("nobody", "guess", address)).isInstanceOf(FaceException.class);
        }
        assertThat(failure(() -> signIn.login("nobody", PASSWORD, "203.0.113.9")))
                .as("a name that is no account answers alike")
                .contains("addresses that have signed in to it before");
    }

    @Test
    void withoutAnAccountLimitFailuresFromManyAddressesNeverCloseTheAccount() {
        SignIn open = signIn(fakes.users, 0, Duration.ZERO);
        for (int i = 0; i < 50; i++) {
            String address = "192.0.2." + i;
            assertThatThrownBy(() -> open.login("alice", "guess", address)).isInstanceOf(FaceException.class);
        }
        assertThat(open.login("alice", PASSWORD, "203.0.113.9").account()).isEqualTo(alice);
    }

    @Test
    void eachFailureOnTheAccountFromAnyAddressMakesTheNextRefusalSlower() {
        SignIn slowing = signIn(fakes.users, 10, Duration.ofMillis(40));
        long first = timedFailure(slowing, "203.0.113.5");
        long third = 0;
        for (int i = 0; i < 2; i++) {
            third = timedFailure(slowing, "203.0.113." + (10 + i));
        }
        assertThat(first).isGreaterThanOrEqualTo(40);
        assertThat(third)
                .as("the third failure on the account, the first from its address")
                .isGreaterThanOrEqualTo(120)
                .isGreaterThan(first);
    }

    private static long timedFailure(SignIn signIn, String address) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> signIn.login("alice", "wrong-password", address))
                .isInstanceOf(FaceException.class);
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void aRefreshTokenRotatesAndReusingAnOldOneEndsEverySignInOfTheAccount() {
        SignIn.Session first = signIn.login("alice", PASSWORD, "a");
        SignIn.Session elsewhere = signIn.login("alice", PASSWORD, "b");
        SignIn.Session second = signIn.refresh(first.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        Instant stamp = fakes.users.find(alice.id()).orElseThrow().credentialsChangedAt();

        assertThat(failure(() -> signIn.refresh(first.refreshToken()))).contains("used before");
        assertThat(failure(() -> signIn.refresh(second.refreshToken())))
                .as("the thief's reuse also ended the owner's current token")
                .contains("not valid any more");
        assertThat(failure(() -> signIn.refresh(elsewhere.refreshToken())))
                .as("and the account's other sign-ins")
                .contains("not valid any more");
        assertThat(fakes.tokens.all())
                .allSatisfy(token -> assertThat(token.revokedAt()).isNotNull());
        assertThat(fakes.users.find(alice.id()).orElseThrow().credentialsChangedAt())
                .as("a new credentials stamp, though the clock stood still: access tokens of the old one are refused")
                .isNotEqualTo(stamp);
        assertThat(signIn.login("alice", PASSWORD, "a").account().id()).isEqualTo(alice.id());
    }

    @Test
    void aChangeBetweenReadingTheAccountAndStoringItsRefreshTokenEndsThatSignInToo() {
        var racing = new ChangedAfterRead(fakes.users, 1, () -> accounts.changeAccess(alice.id(), Role.VIEWER, true));
        SignIn racingSignIn = signIn(racing, 8, Duration.ZERO);

        assertThat(failure(() -> racingSignIn.login("alice", PASSWORD, "a"))).contains("changed while signing in");
        assertThat(fakes.tokens.all())
                .as("the refresh token the demotion could not see is revoked")
                .allSatisfy(token -> assertThat(token.revokedAt()).isNotNull());
        assertThat(racingSignIn.login("alice", PASSWORD, "a").account().role()).isEqualTo(Role.VIEWER);
    }

    @Test
    void anExpiredRefreshTokenIsRefused() {
        SignIn.Session session = signIn.login("alice", PASSWORD, "a");
        clock.advance(Duration.ofDays(7));
        assertThat(failure(() -> signIn.refresh(session.refreshToken()))).contains("not valid any more");
        assertThat(failure(() -> signIn.refresh("garbage"))).contains("not valid any more");
    }

    @Test
    void aPasswordChangeEndsEverySignInOfTheAccountEvenInTheSameInstant() {
        SignIn.Session session = signIn.login("alice", PASSWORD, "a");
        accounts.changePassword(alice.id(), PASSWORD, "Another-Long-Passphrase-7");
        assertThat(fakes.users.find(alice.id()).orElseThrow().credentialsChangedAt())
                .isAfter(session.account().credentialsChangedAt());
        assertThat(failure(() -> signIn.refresh(session.refreshToken()))).contains("not valid any more");
        assertThat(failure(() -> signIn.login("alice", PASSWORD, "a"))).isEqualTo("Wrong user name or password.");
        assertThat(signIn.login("alice", "Another-Long-Passphrase-7", "a")
                        .account()
                        .id())
                .isEqualTo(alice.id());
    }

    @Test
    void logoutRevokesTheAccessTokenAndTheFamilyOfItsOwnRefreshTokenOnly() {
        SignIn.Session mine = signIn.login("alice", PASSWORD, "a");
        UserAccount bob = accounts.register("bob", PASSWORD, Role.VIEWER);
        SignIn.Session bobs = signIn.login("bob", PASSWORD, "a");

        signIn.logout(alice.id(), mine.accessToken().id(), mine.accessToken().expiresAt(), bobs.refreshToken());
        assertThat(fakes.tokens.isAccessTokenRevoked(mine.accessToken().id())).isTrue();
        assertThat(signIn.refresh(bobs.refreshToken()).account())
                .as("not alice's to revoke")
                .isEqualTo(bob);

        signIn.logout(alice.id(), mine.accessToken().id(), mine.accessToken().expiresAt(), mine.refreshToken());
        assertThat(fakes.tokens.all().stream().filter(token -> token.userId().equals(alice.id())))
                .extracting(RefreshToken::revokedAt)
                .doesNotContainNull();
    }

    private SignIn signIn(UserAccountRepository users, int maxFailuresPerAccount, Duration delayStep) {
        return new SignIn(
                users,
                fakes.tokens,
                fakes.hasher,
                fakes.issuer,
                fakes.attempts,
                fakes.knownAddresses,
                new SignIn.Settings(
                        Duration.ofDays(7),
                        3,
                        5,
                        maxFailuresPerAccount,
                        Duration.ofMinutes(15),
                        delayStep,
                        Duration.ofDays(30)),
                clock);
    }

    private static String failure(Runnable action) {
        try {
            action.run();
        } catch (FaceException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a FaceException");
    }
}
