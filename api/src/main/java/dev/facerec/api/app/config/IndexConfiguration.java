package dev.facerec.api.app.config;

import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.index.InMemoryGalleryIndex;
import dev.facerec.index.IndexConfig;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-memory gallery index the service starts with (a model switch builds another beside it, see {@code
 * dev.facerec.api.app.migration.RecognizerSwitcher}) and the life cycle of the indexes: rebuilt from the database (the source of truth) before the
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
    IndexLifecycle indexLifecycle(ActiveRecognizer recognizers, IndexProperties properties) {
        return new IndexLifecycle(recognizers, properties.catchUpInterval());
    }

    /**
     * Rebuilds at start (blocking readiness until done) and catches up on a timer until shutdown: every index the
     * {@link ActiveRecognizer} holds, so one being prepared or retired by a model switch hears of erasures too.
     */
    public static final class IndexLifecycle implements SmartLifecycle {
        private final ActiveRecognizer recognizers;
        // The database may be briefly unavailable: a failed catch-up is logged and the next tick retries from the
        // same sequence.
        private final PeriodicJob catchUp;
        private boolean running;

        IndexLifecycle(ActiveRecognizer recognizers, Duration interval) {
            this.recognizers = recognizers;
            this.catchUp = new PeriodicJob("index-catch-up", interval, recognizers::catchUp);
        }

        @Override
        public synchronized void start() {
            recognizers.rebuild();
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
