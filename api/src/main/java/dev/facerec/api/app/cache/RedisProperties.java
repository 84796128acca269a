package dev.facerec.api.app.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.redis.*}: the Redis that holds the embedding cache and the idempotency store. Redis is used exactly
 * when {@code host} is set.
 *
 * @param host {@code REDIS_HOST}; empty for none
 * @param port {@code REDIS_PORT}
 * @param password {@code REDIS_PASSWORD}; empty for none; never printed
 * @param timeout {@code REDIS_TIMEOUT}: bounds connecting and every command
 */
@ConfigurationProperties("facerec.redis")
public record RedisProperties(
        @DefaultValue("") String host,
        @DefaultValue("6379") int port,
        @DefaultValue("") String password,
        @DefaultValue("5s") Duration timeout) {
    public RedisProperties {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("facerec.redis.port must be a TCP port: " + port);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("facerec.redis.timeout must be positive: " + timeout);
        }
    }

    public boolean configured() {
        return host != null && !host.isBlank();
    }

    @Override
    public String toString() {
        return "RedisProperties[host=" + host + ", port=" + port + ", password="
                + (password == null || password.isEmpty() ? "" : "******") + ", timeout=" + timeout + "]";
    }
}
