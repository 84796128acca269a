package dev.facerec.core.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * One refresh token of a sign-in. Tokens of one sign-in form a family: each refresh uses the current token up and
 * issues the next one in the same family, so a token used twice proves a copy exists and revokes the family.
 *
 * @param tokenHash SHA-256 of the token as the client holds it; the token itself is never stored
 * @param usedAt when it was exchanged for the next token, or null
 * @param revokedAt when it was revoked (logout, reuse, password change), or null
 */
public record RefreshToken(
        UUID id,
        UUID familyId,
        UUID userId,
        String tokenHash,
        Instant issuedAt,
        Instant expiresAt,
        Instant usedAt,
        Instant revokedAt) {
    public RefreshToken {
        requireNonNull(id, "id is null");
        requireNonNull(familyId, "familyId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(tokenHash, "tokenHash is null");
        requireNonNull(issuedAt, "issuedAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }
}
