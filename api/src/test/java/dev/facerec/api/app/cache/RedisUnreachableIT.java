package dev.facerec.api.app.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.api.app.metrics.CountedEmbeddingCache;
import dev.facerec.api.http.idempotency.IdempotencyStore;
import dev.facerec.api.http.idempotency.RedisIdempotencyStore;
import dev.facerec.core.access.Actor;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.quality.QualityGate;
import dev.facerec.core.quality.QualityPolicy;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.FakePipeline;
import dev.facerec.core.usecase.IdentifyFaces;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redis on a closed port: every call answers within the timeout and requests succeed without the cache. */
class RedisUnreachableIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final RedisConnector redis =
            new RedisConnector(new RedisProperties("127.0.0.1", closedPort(), "", TIMEOUT));
    private final RedisEmbeddingCache cache = new RedisEmbeddingCache(redis, Duration.ofHours(1), "facerec-test:");

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void getMissesWithinTheTimeoutAndPutIsANoOp() {
        long started = System.nanoTime();
        assertThat(cache.get("abc", "fake-recognizer")).isEmpty();
        cache.put("abc", "fake-recognizer", List.of(RedisEmbeddingCacheIT.analysed("alice", 10)));
        assertThat(cache.get("abc", "fake-recognizer")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(2));
        assertThat(cache.isAvailable()).isFalse();
    }

    @Test
    void aMissWhileRedisIsAwayIsCountedAsAnErrorNotAMiss() {
        var registry = new SimpleMeterRegistry();
        var counted = new CountedEmbeddingCache(cache, registry);

        assertThat(counted.get("abc", "fake-recognizer")).isEmpty();

        assertThat(registry.get("facerec.embedding.cache.requests")
                        .tag("result", "error")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("facerec.embedding.cache.requests")
                        .tag("result", "miss")
                        .counter()
                        .count())
                .isZero();
    }

    @Test
    void anEvictionItCannotConfirmIsAFailureSoThatAnErasureReceiptCanSaySo() {
        assertThatThrownBy(() -> cache.evict("abc", "fake-recognizer")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void identificationSucceedsWithoutTheCache() {
        FakePipeline fakes = new FakePipeline();
        Gallery gallery = fakes.galleries().create(new Gallery(UUID.randomUUID(), "staff", Instant.now()));
        var identify = new IdentifyFaces(
                fakes.galleryAccess(),
                fakes.decoder,
                fakes.detector,
                fakes.embedder,
                cache,
                new QualityGate(QualityPolicy.QUERY),
                fakes.galleries(),
                fakes.persons(),
                fakes.index);
        for (int i = 0; i < 3; i++) {
            assertThat(identify.identify(Actor.system(), gallery.id(), FakePhoto.portrait("alice"), 5, null)
                            .faces())
                    .hasSize(1);
        }
        assertThat(fakes.decoder.calls()).as("no cache: every request decodes").isEqualTo(3);
    }

    @Test
    void theIdempotencyStoreLetsRequestsThrough() {
        IdempotencyStore store = new RedisIdempotencyStore(redis, Duration.ofHours(1), "facerec-test:");
        assertThat(store.claim("k", "f")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
        store.release("k");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
