package dev.facerec.api.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.app.cache.CacheConfiguration;
import dev.facerec.api.app.cache.RedisConnector;
import dev.facerec.api.app.config.IndexConfiguration;
import dev.facerec.core.access.Actor;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.core.recognizer.Recognizer;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.FakePipeline;
import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.core.usecase.NewPerson;
import dev.facerec.index.InMemoryGalleryIndex;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * One replica's wiring with REDIS_HOST set, against the Redis at 127.0.0.1:6379: a face committed by "another
 * replica" (straight into the shared database fake) reaches this replica's index on a wake-up, long before its
 * catch-up timer (set to an hour here) would have run.
 */
class IndexSyncWiringIT {
    // Static: the context's configuration class reads it. One test, so no sharing between tests.
    private static final FakePipeline fakes = new FakePipeline();

    /** The database every replica shares; this replica's index is the real one from IndexConfiguration. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class SharedDatabase {
        @org.springframework.context.annotation.Bean
        ActiveRecognizer activeRecognizer(InMemoryGalleryIndex index) {
            return new ActiveRecognizer(new Recognizer(
                    fakes.decoder,
                    fakes.detector,
                    fakes.embedder,
                    index,
                    new IndexSynchronizer(fakes.faces(), index, "fake-recognizer", 1000),
                    () -> {}));
        }
    }

    @Test
    void aWakeUpAppliesAnotherReplicasCommitToTheIndex() {
        new ApplicationContextRunner()
                .withUserConfiguration(
                        CacheConfiguration.class,
                        IndexConfiguration.class,
                        IndexSyncConfiguration.class,
                        SharedDatabase.class)
                // "1h" for the timer's @Value, as the application converts it
                .withInitializer(context -> context.getBeanFactory()
                        .setConversionService(
                                org.springframework.boot.convert.ApplicationConversionService.getSharedInstance()))
                .withPropertyValues("facerec.redis.host=127.0.0.1", "facerec.index.catch-up-interval=1h")
                .run(started -> {
                    IndexChangeSubscriber subscriber = started.getBean(IndexChangeSubscriber.class);
                    waitFor(Duration.ofSeconds(5), subscriber::isSubscribed);
                    IndexSynchronizer synchronizer =
                            started.getBean(ActiveRecognizer.class).active().synchronizer();
                    long before = synchronizer.sequence();

                    java.util.UUID galleryId = enrollOnAnotherReplica();
                    var publisher = new IndexChangePublisher(
                            started.getBean(RedisConnector.class), IndexChangePublisher.CHANNEL);
                    publisher.changed();
                    waitFor(Duration.ofSeconds(2), () -> synchronizer.sequence() > before);
                    publisher.close();

                    assertThat(synchronizer.sequence()).isGreaterThan(before);
                    assertThat(started.getBean(InMemoryGalleryIndex.class).size(galleryId, "fake-recognizer"))
                            .isEqualTo(1);
                });
    }

    private java.util.UUID enrollOnAnotherReplica() {
        Clock clock = Clock.systemUTC();
        Gallery gallery = fakes.manageGalleries(clock, DomainEvents.NONE).create(Actor.system(), "staff");
        var person = fakes.managePersons(clock, DomainEvents.NONE)
                .create(Actor.system(), new NewPerson(gallery.id(), "Alice", null, null));
        fakes.enrollFace(clock, DomainEvents.NONE).enroll(Actor.system(), person.id(), FakePhoto.portrait("alice"));
        return gallery.id();
    }

    private static void waitFor(Duration limit, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
