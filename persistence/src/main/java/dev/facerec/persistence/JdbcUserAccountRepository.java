package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.account.Role;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accounts in plain SQL: a handful of single-row statements on one small table, where an entity mapping would add
 * nothing.
 */
final class JdbcUserAccountRepository implements UserAccountRepository {
    private static final String COLUMNS =
            "id, username, password_hash, role, enabled, created_at, credentials_changed_at";

    private final JdbcClient jdbc;

    JdbcUserAccountRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    @Override
    public UserAccount create(UserAccount account) {
        requireNonNull(account, "account is null");
        try {
            jdbc.sql("insert into users (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            account.id(),
                            account.username(),
                            account.passwordHash(),
                            account.role().name(),
                            account.enabled(),
                            SqlTimes.of(account.createdAt()),
                            SqlTimes.of(account.credentialsChangedAt()))
                    .update();
        } catch (RuntimeException e) {
            throw Constraints.translate(
                    e,
                    Map.of(
                            "users_username_key",
                            new Constraints.Rejection(
                                    FaceErrorCode.CONFLICT,
                                    "The user name '" + account.username() + "' is taken; choose another.")));
        }
        return account;
    }

    @Override
    public boolean update(UserAccount current, UserAccount changed) {
        requireNonNull(current, "current is null");
        requireNonNull(changed, "changed is null");
        if (!current.id().equals(changed.id())) {
            throw new IllegalArgumentException("an update keeps the account's id");
        }
        // Compare-and-set on every column an update writes: one statement, so atomic on both databases.
        return jdbc.sql("update users set password_hash = ?, role = ?, enabled = ?, credentials_changed_at = ?"
                                + " where id = ? and password_hash = ? and role = ? and enabled = ?"
                                + " and credentials_changed_at = ?")
                        .params(
                                changed.passwordHash(),
                                changed.role().name(),
                                changed.enabled(),
                                SqlTimes.of(changed.credentialsChangedAt()),
                                current.id(),
                                current.passwordHash(),
                                current.role().name(),
                                current.enabled(),
                                SqlTimes.of(current.credentialsChangedAt()))
                        .update()
                > 0;
    }

    @Override
    public Optional<UserAccount> find(UUID id) {
        requireNonNull(id, "id is null");
        return jdbc.sql("select " + COLUMNS + " from users where id = ?")
                .param(id)
                .query(JdbcUserAccountRepository::map)
                .optional();
    }

    @Override
    public Optional<UserAccount> findByUsername(String username) {
        requireNonNull(username, "username is null");
        return jdbc.sql("select " + COLUMNS + " from users where username = ?")
                .param(username)
                .query(JdbcUserAccountRepository::map)
                .optional();
    }

    @Override
    public List<UserAccount> findAll() {
        return jdbc.sql("select " + COLUMNS + " from users order by username")
                .query(JdbcUserAccountRepository::map)
                .list();
    }

    @Override
    public Page<UserAccount> findAll(PageRequest request) {
        requireNonNull(request, "request is null");
        long total = count();
        List<UserAccount> items = total <= request.offset()
                ? List.of()
                : jdbc.sql("select " + COLUMNS + " from users order by username limit ? offset ?")
                        .params(request.size(), request.offset())
                        .query(JdbcUserAccountRepository::map)
                        .list();
        return new Page<>(items, request.page(), request.size(), total);
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    private static UserAccount map(ResultSet row, int number) throws SQLException {
        return new UserAccount(
                row.getObject("id", UUID.class),
                row.getString("username"),
                row.getString("password_hash"),
                Role.valueOf(row.getString("role")),
                row.getBoolean("enabled"),
                SqlTimes.read(row, "created_at"),
                SqlTimes.read(row, "credentials_changed_at"));
    }
}
