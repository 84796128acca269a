package dev.facerec.api.app.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared Lettuce connection for the cache and the idempotency store, with a timeout on connecting and on every
 * command. The service must start and answer while Redis is down: the connection is opened on first use, a failed
 * attempt is not retried for a while (so a dead Redis costs a request nothing), and Lettuce reconnects an
 * established connection by itself. Failures are logged at WARN at most once a minute.
 */
public final class RedisConnector implements AutoCloseable {
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(RedisConnector.class);

    private final RedisClient client;
    private final Clock clock;
    private final ThrottledWarning warning;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile long nextAttemptMillis;

    public RedisConnector(RedisProperties properties) {
        this(properties, Clock.systemUTC());
    }

    RedisConnector(RedisProperties properties, Clock clock) {
        this.clock = clock;
        this.warning = new ThrottledWarning(log, Duration.ofMinutes(1), clock);
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(properties.host())
                .withPort(properties.port())
                .withTimeout(properties.timeout());
        if (!properties.password().isEmpty()) {
            uri.withPassword(properties.password().toCharArray());
        }
        this.client = RedisClient.create(uri.build());
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(properties.timeout())
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(properties.timeout()))
                // While disconnected, fail commands at once instead of queueing them behind the reconnect.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    /**
     * Runs {@code command} on the connection; on any failure (not connected, timeout, error reply) logs a throttled
     * warning and returns {@code fallback}.
     */
    public <T> T run(String what, Function<RedisCommands<byte[], byte[]>, T> command, T fallback) {
        StatefulRedisConnection<byte[], byte[]> current = connection();
        if (current == null) {
            return fallback;
        }
        try {
            return command.apply(current.sync());
        } catch (RuntimeException e) {
            warning.warn("Redis " + what + " failed, going on without it", e);
            return fallback;
        }
    }

    public boolean isAvailable() {
        StatefulRedisConnection<byte[], byte[]> current = connection();
        return current != null && current.isOpen();
    }

    private StatefulRedisConnection<byte[], byte[]> connection() {
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current != null || clock.millis() < nextAttemptMillis) {
            return current;
        }
        synchronized (this) {
            if (connection == null && clock.millis() >= nextAttemptMillis) {
                try {
                    connection = client.connect(ByteArrayCodec.INSTANCE);
                    log.info("Connected to Redis");
                } catch (RuntimeException e) {
                    nextAttemptMillis = clock.millis() + RETRY_AFTER.toMillis();
                    warning.warn("Redis is unreachable, going on without it", e);
                }
            }
            return connection;
        }
    }

    /**
     * A new publish/subscribe connection on the same client and settings, which the caller closes. Once connected,
     * Lettuce reconnects it and subscribes its channels again by itself.
     *
     * @throws io.lettuce.core.RedisException if Redis cannot be reached now
     */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client.connectPubSub();
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
