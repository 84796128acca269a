package dev.facerec.core.account;

import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
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

    /**
     * One page of the accounts in the order of {@link #findAll()}, with the number of accounts as the total. The default
     * reads them all; adapters whose store can page should.
     */
    default Page<UserAccount> findAll(PageRequest request) {
        return request.of(findAll());
    }

    long count();
}
