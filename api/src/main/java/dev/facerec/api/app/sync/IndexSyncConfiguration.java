package dev.facerec.api.app.sync;

import dev.facerec.api.app.cache.RedisConfigured;
import dev.facerec.api.app.cache.RedisConnector;
import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.api.app.config.IndexConfiguration.IndexLifecycle;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Early wake-ups of the index catch-up over Redis pub/sub, when {@code REDIS_HOST} is set: each replica announces its
 * committed writes and every replica replays the change log as soon as it hears one. Without Redis (a single replica)
 * nothing here exists and the catch-up timer alone keeps the index of any second process current. The announcement
 * listens to the use cases' domain events ({@link ReplicaNotification}), not to HTTP, so a write from any front door
 * announces.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
@Import(ClockConfiguration.class)
public class IndexSyncConfiguration {
    private static final Duration SUBSCRIBE_RETRY = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    IndexChangePublisher indexChangePublisher(RedisConnector redis) {
        return new IndexChangePublisher(redis, IndexChangePublisher.CHANNEL);
    }

    /** Hears the use cases' events, so writes from requests, sweeps and jobs all announce. */
    @Bean
    ReplicaNotification replicaNotification(IndexChangePublisher publisher) {
        return new ReplicaNotification(publisher);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    IndexChangeSubscriber indexChangeSubscriber(RedisConnector redis, IndexLifecycle index, Clock clock) {
        // Before the start-up rebuild there is nothing to catch up; the rebuild reads the log's end anyway.
        Runnable wakeUp = () -> {
            if (index.isRunning()) {
                index.catchUp();
            }
        };
        return new IndexChangeSubscriber(redis, IndexChangePublisher.CHANNEL, wakeUp, SUBSCRIBE_RETRY, clock);
    }
}
