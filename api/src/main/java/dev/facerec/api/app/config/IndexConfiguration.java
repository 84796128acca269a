package dev.facerec.api.app.config;

import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.index.InMemoryGalleryIndex;
import dev.facerec.index.IndexConfig;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-memory gallery index and its life cycle: rebuilt from the database (the source of truth) before the
 * service takes traffic, then kept current by replaying the durable change log on a short timer, so every replica
 * converges on the committed faces even if it missed a wake-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndexProperties.class)
public class IndexConfiguration {
    @Bean(destroyMethod = "close")
    InMemoryGalleryIndex galleryIndex() {
        return new InMemoryGalleryIndex(IndexConfig.defaults());
    }

    @Bean
    IndexLifecycle indexLifecycle(IndexSynchronizer synchronizer, IndexProperties properties) {
        return new IndexLifecycle(synchronizer, properties.catchUpInterval());
    }

    /** Rebuilds at start (blocking readiness until done) and catches up on a timer until shutdown. */
    public static final class IndexLifecycle implements SmartLifecycle {
        private final IndexSynchronizer synchronizer;
        // The database may be briefly unavailable: a failed catch-up is logged and the next tick retries from the
        // same sequence.
        private final PeriodicJob catchUp;
        private boolean running;

        IndexLifecycle(IndexSynchronizer synchronizer, Duration interval) {
            this.synchronizer = synchronizer;
            this.catchUp = new PeriodicJob("index-catch-up", interval, synchronizer::catchUp);
        }

        @Override
        public synchronized void start() {
            synchronizer.rebuild();
            catchUp.start();
            running = true;
        }

        /** Also called when another replica signals a change, to apply it before the next tick. Never throws. */
        public void catchUp() {
            catchUp.runNow();
        }

        @Override
        public synchronized void stop() {
            catchUp.close();
            running = false;
        }

        @Override
        public synchronized boolean isRunning() {
            return running;
        }
    }
}
