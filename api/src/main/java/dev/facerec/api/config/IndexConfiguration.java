package dev.facerec.api.config;

import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.ml.index.InMemoryGalleryIndex;
import dev.facerec.ml.index.IndexConfig;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-memory gallery index and its life cycle: rebuilt from the database (the source of truth) before the
 * service takes traffic, then kept current by replaying the durable change log on a short timer, so every replica
 * converges on the committed faces even if it missed a wake-up.
 */
@Configuration(proxyBeanMethods = false)
public class IndexConfiguration {
    @Bean(destroyMethod = "close")
    InMemoryGalleryIndex galleryIndex() {
        return new InMemoryGalleryIndex(IndexConfig.defaults());
    }

    @Bean
    IndexLifecycle indexLifecycle(
            IndexSynchronizer synchronizer,
            @Value("${facerec.index.catch-up-interval:1s}") java.time.Duration interval) {
        return new IndexLifecycle(synchronizer, interval.toMillis());
    }

    /** Rebuilds at start (blocking readiness until done) and catches up on a timer until shutdown. */
    public static final class IndexLifecycle implements SmartLifecycle {
        private static final Logger LOG = LoggerFactory.getLogger(IndexLifecycle.class);

        private final IndexSynchronizer synchronizer;
        private final long intervalMillis;
        private ScheduledExecutorService timer;

        IndexLifecycle(IndexSynchronizer synchronizer, long intervalMillis) {
            this.synchronizer = synchronizer;
            this.intervalMillis = intervalMillis;
        }

        @Override
        public synchronized void start() {
            synchronizer.rebuild();
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("index-catch-up").daemon(true).factory());
            timer.scheduleWithFixedDelay(this::catchUp, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }

        /** Also called when another replica signals a change, to apply it before the next tick. Never throws. */
        public void catchUp() {
            try {
                synchronizer.catchUp();
            } catch (RuntimeException e) {
                // The database may be briefly unavailable; the next tick retries from the same sequence.
                LOG.warn("Index catch-up failed, retrying: {}", e.getMessage());
            }
        }

        @Override
        public synchronized void stop() {
            if (timer != null) {
                timer.shutdownNow();
                timer = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return timer != null;
        }
    }
}
