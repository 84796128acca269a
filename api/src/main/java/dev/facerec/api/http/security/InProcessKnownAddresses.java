package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.facerec.core.account.KnownAddresses;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Known addresses in this process: for each account its most recent addresses, each until its lifetime ends. The
 * bound is per account, so someone signing in to an account of their own from ever new addresses pushes out only that
 * account's addresses, never another's.
 */
final class InProcessKnownAddresses implements KnownAddresses {
    /** One account's addresses, the most recently remembered last; replaced, never changed, so reads need no lock. */
    private record Book(List<Entry> entries) {
        long lastExpiryMillis() {
            return entries.stream().mapToLong(Entry::expiresMillis).max().orElse(0);
        }
    }

    private record Entry(String address, long expiresMillis) {}

    private final Cache<String, Book> books;
    private final int maxAddressesPerAccount;
    private final Clock clock;

    InProcessKnownAddresses(long maxAccounts, int maxAddressesPerAccount, Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.maxAddressesPerAccount = maxAddressesPerAccount;
        this.books = Caffeine.newBuilder()
                .maximumSize(maxAccounts)
                .expireAfter(Expiry.writing((String account, Book book) ->
                        Duration.ofMillis(Math.max(0, book.lastExpiryMillis() - clock.millis()))))
                .build();
    }

    @Override
    public void remember(String account, String address, Duration lifetime) {
        requireNonNull(address, "address is null");
        long now = clock.millis();
        books.asMap().compute(requireNonNull(account, "account is null"), (name, book) -> {
            List<Entry> entries = new ArrayList<>();
            if (book != null) {
                book.entries().stream()
                        .filter(entry ->
                                entry.expiresMillis() > now && !entry.address().equals(address))
                        .forEach(entries::add);
            }
            entries.add(new Entry(address, now + lifetime.toMillis()));
            while (entries.size() > maxAddressesPerAccount) {
                entries.removeFirst();
            }
            return new Book(List.copyOf(entries));
        });
    }

    @Override
    public boolean isKnown(String account, String address) {
        Book book = books.getIfPresent(account);
        long now = clock.millis();
        return book != null
                && book.entries().stream()
                        .anyMatch(entry -> entry.address().equals(address) && entry.expiresMillis() > now);
    }
}
