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

    /**
     * Replaces {@code current} by {@code changed} (same id) if the stored account still equals {@code current}, in one
     * atomic step; returns false when it does not (another change came first, or the account is gone), so that two
     * changes at once never silently undo one another.
     */
    boolean update(UserAccount current, UserAccount changed);

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
