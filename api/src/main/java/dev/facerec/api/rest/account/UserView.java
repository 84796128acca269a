package dev.facerec.api.rest.account;

import dev.facerec.core.account.Role;
import dev.facerec.core.account.UserAccount;
import java.time.Instant;
import java.util.UUID;

/** An account as clients see it: never the password hash. */
record UserView(UUID id, String username, Role role, boolean enabled, Instant createdAt) {
    static UserView of(UserAccount account) {
        return new UserView(account.id(), account.username(), account.role(), account.enabled(), account.createdAt());
    }
}
