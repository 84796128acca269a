package dev.facerec.core.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Durable storage of user accounts. Implementations are transactional per call and thread-safe. */
public interface UserAccountRepository {
    /**
     * Saves a new account.
     *
     * @throws dev.facerec.core.FaceException {@code CONFLICT} if the user name is taken
     */
    UserAccount create(UserAccount account);

    /** Replaces the stored account with the same id; returns false when there is none. */
    boolean update(UserAccount account);

    Optional<UserAccount> find(UUID id);

    /** By the normalised user name (see {@link UserAccount#normalise}). */
    Optional<UserAccount> findByUsername(String username);

    /** All accounts ordered by user name. */
    List<UserAccount> findAll();

    long count();
}
