package dev.facerec.api.app.sync;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.facerec.api.app.cache.RedisConnector;

/**
 * Tells the other replicas that the faces changed, on a Redis channel, so that they replay the change log now instead
 * of at their next tick. The message carries nothing a replica relies on: the log is the truth and a lost message
 * costs at most one catch-up interval. Publishing runs on a thread of its own (a request never waits for Redis) and a
 * burst of changes sends one message; with Redis down it does nothing but a throttled warning from the connector.
 */
public final class IndexChangePublisher implements AutoCloseable {
    /** The channel every replica of a deployment shares. */
    public static final String CHANNEL = "facerec:index:changes";

    private static final byte[] MESSAGE = "changed".getBytes(UTF_8);

    private final CoalescingTask publish;

    public IndexChangePublisher(RedisConnector redis, String channel) {
        byte[] channelBytes = channel.getBytes(UTF_8);
        this.publish = new CoalescingTask(
                "index-change-publish",
                () -> redis.run("PUBLISH", commands -> commands.publish(channelBytes, MESSAGE), 0L));
    }

    /** Called after a change committed; returns at once. */
    public void changed() {
        publish.signal();
    }

    @Override
    public void close() {
        publish.close();
    }
}
