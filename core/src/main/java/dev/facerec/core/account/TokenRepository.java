package dev.facerec.core.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable state of issued tokens: refresh token families and the ids of access tokens revoked before they expire.
 * Implementations are transactional per call and thread-safe; several replicas share it.
 */
public interface TokenRepository {
    void save(RefreshToken token);

    Optional<RefreshToken> findByHash(String tokenHash);

    /**
     * Marks an unused, unrevoked token used, atomically: of two concurrent calls for one token exactly one returns
     * true.
     */
    boolean markUsed(UUID tokenId, Instant at);

    /** Revokes every token of the family that is not revoked yet; returns how many. */
    int revokeFamily(UUID familyId, Instant at);

    /** Revokes every refresh token of the user; returns how many. */
    int revokeAllOfUser(UUID userId, Instant at);

    /** Records that the access token {@code tokenId} (its {@code jti}) is refused until {@code expiresAt}. */
    void revokeAccessToken(String tokenId, Instant expiresAt);

    boolean isAccessTokenRevoked(String tokenId);

    /** Forgets tokens and revocations that expired before {@code before}; returns how many rows went. */
    int purgeExpired(Instant before);
}
