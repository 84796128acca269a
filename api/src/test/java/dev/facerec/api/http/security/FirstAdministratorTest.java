package dev.facerec.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.Role;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import dev.facerec.core.testing.InMemoryAccounts;
import dev.facerec.core.usecase.ManageAccounts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first administrator, including replicas that start together on an empty database (HaTopologyIT). */
class FirstAdministratorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String PASSWORD = "Correct-Horse-Battery-42";

    @TempDir
    Path dataDir;

    private final InMemoryAccounts accounts = new InMemoryAccounts(CLOCK);

    @Test
    void createsTheAdministratorWhenNoAccountExists() {
        firstAdministrator(accounts.users, "admin").run(null);

        assertThat(accounts.users.findByUsername("admin"))
                .hasValueSatisfying(account -> assertThat(account.role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void anotherReplicaCreatingItFirstIsNoReasonToFail() {
        var racing = new OtherReplicaCreatesItBetweenCheckAndInsert(accounts.users, "admin");

        firstAdministrator(racing, "admin").run(null);

        assertThat(accounts.users.findAll()).extracting(UserAccount::id).containsExactly(racing.otherReplicas);
    }

    @Test
    void aConflictWhenTheAdministratorDoesNotExistIsStillRefused() {
        // Another replica created some other account; the configured name is free, yet the insert conflicts.
        var racing = new OtherReplicaCreatesItBetweenCheckAndInsert(accounts.users, "someone-else");
        racing.failEveryCreate = true;

        assertThatThrownBy(() -> firstAdministrator(racing, "admin").run(null))
                .isInstanceOf(InsecureConfigurationException.class)
                .hasMessageContaining("FACEREC_ADMIN_USERNAME");
    }

    private FirstAdministrator firstAdministrator(UserAccountRepository users, String username) {
        var manage = new ManageAccounts(users, accounts.tokens, accounts.hasher, CLOCK);
        return new FirstAdministrator(manage, properties(username), new ServiceSecrets(dataDir, false));
    }

    private static SecurityProperties properties(String username) {
        return new SecurityProperties(
                "development",
                "",
                "facerec",
                "facerec-api",
                "",
                "",
                "roles",
                Duration.ofMinutes(15),
                Duration.ofDays(7),
                Duration.ofSeconds(30),
                username,
                PASSWORD,
                false,
                5,
                20,
                50,
                Duration.ofMinutes(15),
                Duration.ofMillis(200),
                Duration.ofDays(30),
                0,
                32,
                Duration.ofSeconds(5),
                List.of(),
                0,
                0);
    }

    /**
     * The users of a database shared with another replica, which inserts its administrator ({@code name}) just after
     * this replica counted no account and before it inserts its own.
     */
    private static final class OtherReplicaCreatesItBetweenCheckAndInsert implements UserAccountRepository {
        private final InMemoryAccounts.Users users;
        private final String name;
        UUID otherReplicas;
        boolean failEveryCreate;

        OtherReplicaCreatesItBetweenCheckAndInsert(InMemoryAccounts.Users users, String name) {
            this.users = users;
            this.name = name;
        }

        @Override
        public long count() {
            long seen = users.count();
            if (otherReplicas == null) {
                otherReplicas = UUID.randomUUID();
                Instant now = CLOCK.instant();
                users.create(new UserAccount(otherReplicas, name, "hash", Role.ADMIN, true, now, now));
            }
            return seen;
        }

        @Override
        public UserAccount create(UserAccount account) {
            if (failEveryCreate) {
                throw new FaceException(FaceErrorCode.CONFLICT, "The user name is taken.");
            }
            return users.create(account);
        }

        @Override
        public boolean update(UserAccount current, UserAccount changed) {
            return users.update(current, changed);
        }

        @Override
        public Optional<UserAccount> find(UUID id) {
            return users.find(id);
        }

        @Override
        public Optional<UserAccount> findByUsername(String username) {
            return users.findByUsername(username);
        }

        @Override
        public List<UserAccount> findAll() {
            return users.findAll();
        }
    }
}
