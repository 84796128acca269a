package dev.facerec.api.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.app.cache.RedisConnector;
import dev.facerec.api.app.cache.RedisProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas in one JVM, each with its own Redis connection, on the Redis at 127.0.0.1:6379 and a channel of this
 * test's own; and the same on a closed port, where nothing may throw.
 */
class IndexChangeRedisIT {
    private final String channel = "facerec-test:" + UUID.randomUUID() + ":index:changes";
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void aPublishedChangeWakesEveryReplicaWithinASecond() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        IndexChangeSubscriber one = subscriber(6379, first::incrementAndGet);
        IndexChangeSubscriber two = subscriber(6379, second::incrementAndGet);
        IndexChangePublisher publisher = publisher(6379);
        waitFor(Duration.ofSeconds(5), () -> one.isSubscribed() && two.isSubscribed());

        long started = System.nanoTime();
        publisher.changed();

        waitFor(Duration.ofSeconds(2), () -> first.get() > 0 && second.get() > 0);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(first.get()).as("first replica woken").isPositive();
        assertThat(second.get()).as("second replica woken").isPositive();
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aBurstOfChangesWakesAReplicaFarFewerTimesThanItChanged() throws Exception {
        AtomicInteger woken = new AtomicInteger();
        IndexChangeSubscriber one = subscriber(6379, () -> {
            woken.incrementAndGet();
            sleep(50); // a catch-up takes a while; messages meanwhile fold into one more
        });
        IndexChangePublisher publisher = publisher(6379);
        waitFor(Duration.ofSeconds(5), one::isSubscribed);

        for (int i = 0; i < 200; i++) {
            publisher.changed();
        }
        waitFor(Duration.ofSeconds(2), () -> woken.get() > 0);
        sleep(300);

        assertThat(woken.get()).isBetween(1, 20);
    }

    @Test
    void withRedisUnreachableNothingThrowsAndNothingIsWoken() throws Exception {
        int port = closedPort();
        AtomicInteger woken = new AtomicInteger();
        IndexChangeSubscriber one = subscriber(port, woken::incrementAndGet);
        IndexChangePublisher publisher = publisher(port);

        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            publisher.changed();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("a write never waits for Redis")
                .isLessThan(Duration.ofMillis(200));
        sleep(1500);

        assertThat(one.isSubscribed()).isFalse();
        assertThat(woken).hasValue(0);
    }

    private IndexChangeSubscriber subscriber(int port, Runnable wakeUp) {
        var subscriber =
                new IndexChangeSubscriber(connector(port), channel, wakeUp, Duration.ofMillis(500), Clock.systemUTC());
        opened.add(subscriber);
        subscriber.start();
        return subscriber;
    }

    private IndexChangePublisher publisher(int port) {
        var publisher = new IndexChangePublisher(connector(port), channel);
        opened.add(publisher);
        return publisher;
    }

    private RedisConnector connector(int port) {
        var connector = new RedisConnector(new RedisProperties("127.0.0.1", port, "", Duration.ofSeconds(1)));
        opened.add(connector);
        return connector;
    }

    private static void waitFor(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
