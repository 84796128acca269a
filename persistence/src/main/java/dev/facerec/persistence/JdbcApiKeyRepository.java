package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.account.ApiKey;
import dev.facerec.core.account.ApiKeyRepository;
import dev.facerec.core.account.Role;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API keys in plain SQL. */
final class JdbcApiKeyRepository implements ApiKeyRepository {
    private static final String COLUMNS =
            "id, prefix, secret_hash, name, role, owner, created_at, expires_at, last_used_at, revoked_at, gallery_id";

    private final JdbcClient jdbc;

    JdbcApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    @Override
    public ApiKey create(ApiKey key) {
        requireNonNull(key, "key is null");
        jdbc.sql("insert into api_keys (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        key.id(),
                        key.prefix(),
                        key.secretHash(),
                        key.name(),
                        key.role().name(),
                        key.owner(),
                        SqlTimes.of(key.createdAt()),
                        SqlTimes.of(key.expiresAt()),
                        SqlTimes.of(key.lastUsedAt()),
                        SqlTimes.of(key.revokedAt()),
                        key.galleryId())
                .update();
        return key;
    }

    @Override
    public Optional<ApiKey> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where id = ?")
                .param(requireNonNull(id, "id is null"))
                .query(JdbcApiKeyRepository::map)
                .optional();
    }

    @Override
    public Optional<ApiKey> findByPrefix(String prefix) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where prefix = ?")
                .param(requireNonNull(prefix, "prefix is null"))
                .query(JdbcApiKeyRepository::map)
                .optional();
    }

    @Override
    public List<ApiKey> findAll() {
        return jdbc.sql("select " + COLUMNS + " from api_keys order by created_at desc, id")
                .query(JdbcApiKeyRepository::map)
                .list();
    }

    @Override
    public Page<ApiKey> findAll(PageRequest request) {
        requireNonNull(request, "request is null");
        long total = jdbc.sql("select count(*) from api_keys").query(Long.class).single();
        List<ApiKey> items = total <= request.offset()
                ? List.of()
                : jdbc.sql("select " + COLUMNS + " from api_keys order by created_at desc, id limit ? offset ?")
                        .params(request.size(), request.offset())
                        .query(JdbcApiKeyRepository::map)
                        .list();
        return new Page<>(items, request.page(), request.size(), total);
    }

    @Override
    public boolean revoke(UUID id, Instant at) {
        jdbc.sql("update api_keys set revoked_at = ? where id = ? and revoked_at is null")
                .params(SqlTimes.of(at), id)
                .update();
        return find(id).isPresent();
    }

    @Override
    public void touch(UUID id, Instant at) {
        jdbc.sql("update api_keys set last_used_at = ? where id = ?")
                .params(SqlTimes.of(at), id)
                .update();
    }

    private static ApiKey map(ResultSet row, int number) throws SQLException {
        return new ApiKey(
                row.getObject("id", UUID.class),
                row.getString("prefix"),
                row.getString("secret_hash"),
                row.getString("name"),
                Role.valueOf(row.getString("role")),
                row.getString("owner"),
                SqlTimes.read(row, "created_at"),
                SqlTimes.read(row, "expires_at"),
                SqlTimes.read(row, "last_used_at"),
                SqlTimes.read(row, "revoked_at"),
                row.getObject("gallery_id", UUID.class));
    }
}
