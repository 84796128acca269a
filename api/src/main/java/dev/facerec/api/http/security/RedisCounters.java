package dev.facerec.api.http.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.facerec.api.app.cache.RedisConnector;
import dev.facerec.core.account.AttemptCounter;
import java.time.Duration;

/**
 * Counters shared by every replica, in Redis: {@code INCR} and an expiry set by the first event of a window. When
 * Redis does not answer, each replica counts for itself (limits then apply per replica) rather than refusing
 * service or letting everything through.
 */
final class RedisCounters implements AttemptCounter {
    private static final String PREFIX = "facerec:count:";

    private final RedisConnector redis;
    private final AttemptCounter local;

    RedisCounters(RedisConnector redis, AttemptCounter local) {
        this.redis = requireNonNull(redis, "redis is null");
        this.local = requireNonNull(local, "local is null");
    }

    @Override
    public long increment(String key, Duration window) {
        byte[] name = name(key);
        Long count = redis.run(
                "counter increment",
                commands -> {
                    long value = commands.incr(name);
                    if (value == 1) {
                        commands.pexpire(name, window.toMillis());
                    }
                    return value;
                },
                null);
        return count != null ? count : local.increment(key, window);
    }

    @Override
    public long count(String key) {
        Long count = redis.run(
                "counter read",
                commands -> {
                    byte[] value = commands.get(name(key));
                    return value == null ? 0L : Long.parseLong(new String(value, UTF_8));
                },
                null);
        return count != null ? count : local.count(key);
    }

    @Override
    public void reset(String key) {
        redis.run("counter reset", commands -> commands.del(name(key)), 0L);
        local.reset(key);
    }

    private static byte[] name(String key) {
        return (PREFIX + key).getBytes(UTF_8);
    }
}
