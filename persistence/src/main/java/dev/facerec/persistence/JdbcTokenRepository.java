package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.account.RefreshToken;
import dev.facerec.core.account.TokenRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Refresh tokens and revoked access token ids in plain SQL; the conditional updates make use-once atomic. */
final class JdbcTokenRepository implements TokenRepository {
    private static final String COLUMNS =
            "id, family_id, user_id, token_hash, issued_at, expires_at, used_at, revoked_at";

    private final JdbcClient jdbc;

    JdbcTokenRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    @Override
    public void save(RefreshToken token) {
        requireNonNull(token, "token is null");
        jdbc.sql("insert into refresh_tokens (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        token.id(),
                        token.familyId(),
                        token.userId(),
                        token.tokenHash(),
                        SqlTimes.of(token.issuedAt()),
                        SqlTimes.of(token.expiresAt()),
                        SqlTimes.of(token.usedAt()),
                        SqlTimes.of(token.revokedAt()))
                .update();
    }

    @Override
    public Optional<RefreshToken> findByHash(String tokenHash) {
        requireNonNull(tokenHash, "tokenHash is null");
        return jdbc.sql("select " + COLUMNS + " from refresh_tokens where token_hash = ?")
                .param(tokenHash)
                .query(JdbcTokenRepository::map)
                .optional();
    }

    @Override
    public boolean markUsed(UUID tokenId, Instant at) {
        return jdbc.sql("update refresh_tokens set used_at = ? where id = ? and used_at is null and revoked_at is null")
                        .params(SqlTimes.of(at), tokenId)
                        .update()
                == 1;
    }

    @Override
    public int revokeFamily(UUID familyId, Instant at) {
        return jdbc.sql("update refresh_tokens set revoked_at = ? where family_id = ? and revoked_at is null")
                .params(SqlTimes.of(at), familyId)
                .update();
    }

    @Override
    public int revokeAllOfUser(UUID userId, Instant at) {
        return jdbc.sql("update refresh_tokens set revoked_at = ? where user_id = ? and revoked_at is null")
                .params(SqlTimes.of(at), userId)
                .update();
    }

    @Override
    public void revokeAccessToken(String tokenId, Instant expiresAt) {
        try {
            jdbc.sql("insert into revoked_access_tokens (token_id, expires_at) values (?, ?)")
                    .params(requireNonNull(tokenId, "tokenId is null"), SqlTimes.of(expiresAt))
                    .update();
        } catch (DuplicateKeyException alreadyRevoked) {
            // Logging out twice with the same token is not an error.
        }
    }

    @Override
    public boolean isAccessTokenRevoked(String tokenId) {
        return jdbc.sql("select count(*) from revoked_access_tokens where token_id = ?")
                        .param(tokenId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public int purgeExpired(Instant before) {
        return jdbc.sql("delete from refresh_tokens where expires_at < ?")
                        .param(SqlTimes.of(before))
                        .update()
                + jdbc.sql("delete from revoked_access_tokens where expires_at < ?")
                        .param(SqlTimes.of(before))
                        .update();
    }

    private static RefreshToken map(ResultSet row, int number) throws SQLException {
        return new RefreshToken(
                row.getObject("id", UUID.class),
                row.getObject("family_id", UUID.class),
                row.getObject("user_id", UUID.class),
                row.getString("token_hash"),
                SqlTimes.read(row, "issued_at"),
                SqlTimes.read(row, "expires_at"),
                SqlTimes.read(row, "used_at"),
                SqlTimes.read(row, "revoked_at"));
    }
}
