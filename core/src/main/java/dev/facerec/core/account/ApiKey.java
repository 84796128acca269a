package dev.facerec.core.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A credential for a machine client, sent as {@code X-API-Key}. Only its SHA-256 is stored; the key itself is shown
 * once, when it is created.
 *
 * @param prefix the first characters of the key, unique, stored in clear so that operators can tell keys apart and
 *     the service can find the key without scanning
 * @param role the most the key may do (its scope); never more than its creator's role
 * @param owner the user name (or external subject) that created it
 * @param expiresAt null for no expiry
 * @param galleryId the gallery the key is bound to, or null: a bound key's CompreFace-compatible recognition calls
 *     work in that gallery (it is the key's face collection); other calls are unaffected
 */
public record ApiKey(
        UUID id,
        String prefix,
        String secretHash,
        String name,
        Role role,
        String owner,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        UUID galleryId) {
    public ApiKey {
        requireNonNull(id, "id is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(secretHash, "secretHash is null");
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** Whether the key may authenticate at {@code now}. */
    public boolean isActive(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", prefix=" + prefix + ", name=" + name + ", role=" + role
                + (galleryId == null ? "" : ", galleryId=" + galleryId) + "]";
    }
}
