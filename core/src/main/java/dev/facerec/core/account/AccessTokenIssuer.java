package dev.facerec.core.account;

import java.time.Instant;

/** Signs short-lived access tokens for accounts of the built-in issuer. */
public interface AccessTokenIssuer {
    /** A token for {@code account}, valid from {@code now} for the issuer's lifetime. */
    IssuedToken issue(UserAccount account, Instant now);

    /**
     * @param id the token's unique id ({@code jti}), by which it can be revoked
     */
    record IssuedToken(String value, String id, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[id=" + id + ", expiresAt=" + expiresAt + "]";
        }
    }
}
