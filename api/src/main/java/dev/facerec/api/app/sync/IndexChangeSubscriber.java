package dev.facerec.api.app.sync;

import dev.facerec.api.app.cache.RedisConnector;
import dev.facerec.api.app.cache.ThrottledWarning;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the change channel and wakes the index catch-up when another replica announces a change, on a thread of
 * its own, one catch-up per burst. Until the first subscription succeeds (Redis down at start) it retries on a timer;
 * after that Lettuce reconnects and subscribes again by itself. Messages sent while disconnected are lost, which the
 * catch-up timer makes good.
 */
public final class IndexChangeSubscriber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IndexChangeSubscriber.class);

    private final RedisConnector redis;
    private final String channel;
    private final Duration retryEvery;
    private final CoalescingTask wakeUp;
    private final ThrottledWarning warning;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("index-change-subscribe").daemon(true).factory());
    private volatile StatefulRedisPubSubConnection<String, String> connection;

    /**
     * @param wakeUp what a message triggers: the index catch-up, which must not throw
     * @param retryEvery how long to wait after a failed first subscription
     * @param clock the service's clock, which spaces repeated warnings a minute apart
     */
    public IndexChangeSubscriber(
            RedisConnector redis, String channel, Runnable wakeUp, Duration retryEvery, Clock clock) {
        this.warning = new ThrottledWarning(log, Duration.ofMinutes(1), clock);
        this.redis = redis;
        this.channel = channel;
        this.retryEvery = retryEvery;
        this.wakeUp = new CoalescingTask("index-change-wake-up", wakeUp);
    }

    /** Subscribes in the background; returns at once. */
    public void start() {
        connector.execute(this::subscribe);
    }

    /** Whether the subscription is established and its connection open now. */
    public boolean isSubscribed() {
        StatefulRedisPubSubConnection<String, String> current = connection;
        return current != null && current.isOpen();
    }

    private void subscribe() {
        StatefulRedisPubSubConnection<String, String> opened = null;
        try {
            opened = redis.connectPubSub();
            opened.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    wakeUp.signal();
                }
            });
            opened.sync().subscribe(channel);
            connection = opened;
            log.info("Listening for index changes of other replicas on Redis channel {}", channel);
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.closeAsync();
            }
            warning.warn("Cannot subscribe to index changes in Redis, retrying; the catch-up timer keeps the index", e);
            if (!connector.isShutdown()) {
                connector.schedule(this::subscribe, retryEvery.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() {
        connector.shutdownNow();
        wakeUp.close();
        StatefulRedisPubSubConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
    }
}
