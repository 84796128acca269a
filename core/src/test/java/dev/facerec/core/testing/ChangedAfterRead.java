package dev.facerec.core.testing;

import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accounts where {@code change} runs right after the n-th read of an account (by id or by name), as a request racing
 * the one under test might: that read still returns what it saw before the change.
 */
public final class ChangedAfterRead implements UserAccountRepository {
    private final UserAccountRepository stored;
    private final int changeAfterRead;
    private final Runnable change;
    private int reads;

    public ChangedAfterRead(UserAccountRepository stored, int changeAfterRead, Runnable change) {
        this.stored = stored;
        this.changeAfterRead = changeAfterRead;
        this.change = change;
    }

    @Override
    public Optional<UserAccount> find(UUID id) {
        return changedAfter(stored.find(id));
    }

    @Override
    public Optional<UserAccount> findByUsername(String username) {
        return changedAfter(stored.findByUsername(username));
    }

    private synchronized Optional<UserAccount> changedAfter(Optional<UserAccount> read) {
        if (++reads == changeAfterRead) {
            change.run();
        }
        return read;
    }

    @Override
    public UserAccount create(UserAccount account) {
        return stored.create(account);
    }

    @Override
    public boolean update(UserAccount current, UserAccount changed) {
        return stored.update(current, changed);
    }

    @Override
    public List<UserAccount> findAll() {
        return stored.findAll();
    }

    @Override
    public long count() {
        return stored.count();
    }
}
