package dev.facerec.api.http.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.facerec.api.app.cache.RedisConnector;
import dev.facerec.core.account.KnownAddresses;
import io.lettuce.core.Range;
import java.time.Clock;
import java.time.Duration;

/**
 * Known addresses shared by every replica, in Redis: one sorted set per account, each address scored with the time its
 * memory ends, trimmed to the most recent. Each replica also keeps what it saw itself, so that while Redis does not
 * answer the addresses that signed in through this replica stay known.
 */
final class RedisKnownAddresses implements KnownAddresses {
    private static final String PREFIX = "facerec:known-addresses:";

    private final RedisConnector redis;
    private final KnownAddresses local;
    private final int maxAddressesPerAccount;
    private final Clock clock;

    RedisKnownAddresses(RedisConnector redis, KnownAddresses local, int maxAddressesPerAccount, Clock clock) {
        this.redis = requireNonNull(redis, "redis is null");
        this.local = requireNonNull(local, "local is null");
        this.maxAddressesPerAccount = maxAddressesPerAccount;
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void remember(String account, String address, Duration lifetime) {
        local.remember(account, address, lifetime);
        long now = clock.millis();
        byte[] key = key(account);
        redis.run(
                "known address write",
                commands -> {
                    commands.zadd(key, (double) (now + lifetime.toMillis()), address.getBytes(UTF_8));
                    commands.zremrangebyscore(key, Range.create(0L, now));
                    commands.zremrangebyrank(key, 0, -(maxAddressesPerAccount + 1L));
                    commands.pexpire(key, lifetime.toMillis());
                    return true;
                },
                false);
    }

    @Override
    public boolean isKnown(String account, String address) {
        if (local.isKnown(account, address)) {
            return true;
        }
        Double expires = redis.run(
                "known address read", commands -> commands.zscore(key(account), address.getBytes(UTF_8)), null);
        return expires != null && expires > clock.millis();
    }

    private static byte[] key(String account) {
        return (PREFIX + account).getBytes(UTF_8);
    }
}
