package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.AttemptCounter;
import dev.facerec.core.account.KnownAddresses;
import java.util.Map;

/**
 * Failed sign-ins, counted per account and address, per address, and per account from all addresses (see
 * {@link SignIn}). Names that are no account count like accounts, so the throttle tells nobody which accounts exist.
 */
final class SignInThrottle {
    private static final int MAX_DELAY_STEPS = 10;

    private final AttemptCounter attempts;
    private final KnownAddresses knownAddresses;
    private final SignIn.Settings settings;

    SignInThrottle(AttemptCounter attempts, KnownAddresses knownAddresses, SignIn.Settings settings) {
        this.attempts = requireNonNull(attempts, "attempts is null");
        this.knownAddresses = requireNonNull(knownAddresses, "knownAddresses is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * @param name the normalised user name, or null for a name that can be no account
     * @throws FaceException {@code RATE_LIMITED} when the address is locked out of the account or of every account, or
     *     the account accepts known addresses only and this is not one
     */
    void refuseWhenLocked(String name, String address) {
        Keys keys = Keys.of(name, address);
        if (attempts.count(keys.accountAndAddress()) >= settings.maxFailuresPerAccountAndAddress()
                || attempts.count(keys.address()) >= settings.maxFailuresPerAddress()) {
            throw refusal("Too many failed sign-ins from your address. Wait " + windowSeconds()
                    + " seconds before trying again.");
        }
        if (settings.maxFailuresPerAccount() > 0
                && attempts.count(keys.account()) >= settings.maxFailuresPerAccount()
                && (name == null || !knownAddresses.isKnown(name, address))) {
            throw refusal("Too many failed sign-ins to this account from many addresses: for now it accepts only"
                    + " addresses that have signed in to it before. Wait " + windowSeconds()
                    + " seconds, or sign in from such an address.");
        }
    }

    /** Counts a failure and holds the caller back the longer, the more failures its account or address had. */
    void failed(String name, String address) {
        Keys keys = Keys.of(name, address);
        long failures = Math.max(
                attempts.increment(keys.accountAndAddress(), settings.failureWindow()),
                Math.max(
                        attempts.increment(keys.address(), settings.failureWindow()),
                        attempts.increment(keys.account(), settings.failureWindow())));
        long millis = settings.failureDelayStep().toMillis() * Math.min(failures, MAX_DELAY_STEPS);
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Forgets this address's failures on the account and remembers the address as one the account signs in from. The
     * address's own count and the account's count from all addresses stay: one success must not reopen either to a
     * guesser who holds some other account.
     */
    void succeeded(String name, String address) {
        Keys keys = Keys.of(requireNonNull(name, "name is null"), address);
        attempts.reset(keys.accountAndAddress());
        knownAddresses.remember(name, address, settings.knownAddressLifetime());
    }

    private long windowSeconds() {
        return settings.failureWindow().toSeconds();
    }

    private FaceException refusal(String message) {
        return new FaceException(FaceErrorCode.RATE_LIMITED, message, Map.of("retryAfterSeconds", windowSeconds()));
    }

    /** User names hold no ':', so the account-and-address key is unambiguous even for IPv6 addresses. */
    private record Keys(String accountAndAddress, String address, String account) {
        static Keys of(String name, String address) {
            requireNonNull(address, "address is null");
            String account = name == null ? "-" : name;
            return new Keys("account-address:" + account + ":" + address, "address:" + address, "account:" + account);
        }
    }
}
