package dev.facerec.core.usecase;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Changes an account by compare-and-set, reading it again on a conflict, so that changes made at the same moment (an
 * administrator's demotion, the user's own password change, a detected refresh-token reuse) all take effect: a
 * whole-row write from a stale read would otherwise bring back the role the demotion took away.
 */
final class AccountChanges {
    private static final int ATTEMPTS = 5;

    /** The account before and after a change. */
    record Change(UserAccount before, UserAccount after) {
        boolean endedSignIns() {
            return before.signInsEndedBy(after);
        }
    }

    private AccountChanges() {}

    /**
     * Applies {@code change} to the stored account {@code id}; empty when there is none.
     *
     * @throws FaceException {@code CONFLICT} when other changes kept winning the race
     */
    static Optional<Change> apply(UserAccountRepository users, UUID id, UnaryOperator<UserAccount> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<UserAccount> current = users.find(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            UserAccount after = change.apply(current.get());
            if (after.equals(current.get()) || users.update(current.get(), after)) {
                return Optional.of(new Change(current.get(), after));
            }
        }
        throw new FaceException(
                FaceErrorCode.CONFLICT, "The account was being changed by other requests at the same time. Try again.");
    }
}
