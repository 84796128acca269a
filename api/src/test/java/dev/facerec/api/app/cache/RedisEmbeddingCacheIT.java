package dev.facerec.api.app.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.http.idempotency.IdempotencyStore;
import dev.facerec.api.http.idempotency.RedisIdempotencyStore;
import dev.facerec.api.http.idempotency.StoredResponse;
import dev.facerec.core.cache.EmbeddingCache.AnalysedFace;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Point;
import dev.facerec.core.testing.FakeFaceEmbedder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the Redis on 127.0.0.1:6379, under a key prefix of its own that it deletes afterwards. */
class RedisEmbeddingCacheIT {
    private final String prefix = "facerec-test-" + UUID.randomUUID() + ":";
    private final RedisConnector redis =
            new RedisConnector(new RedisProperties("127.0.0.1", 6379, "", Duration.ofSeconds(5)));
    private final RedisEmbeddingCache cache = new RedisEmbeddingCache(redis, Duration.ofHours(24), prefix);

    @AfterEach
    void cleanUp() {
        redis.run(
                "cleanup",
                commands -> {
                    List<byte[]> keys = commands.keys(prefix + "*");
                    return keys.isEmpty() ? 0L : commands.del(keys.toArray(byte[][]::new));
                },
                0L);
        redis.close();
    }

    @Test
    void storesFacesAndEmbeddingsUnderTheModelAndHashWithATimeToLive() {
        var faces = List.of(analysed("alice", 10), analysed("bob", 200));
        assertThat(cache.get("abc", "fake-recognizer")).isEmpty();

        cache.put("abc", "fake-recognizer", faces);

        List<AnalysedFace> cached = cache.get("abc", "fake-recognizer").orElseThrow();
        assertThat(cached).hasSize(2);
        assertThat(cached.get(1).face()).isEqualTo(faces.get(1).face());
        assertThat(cached.get(0).embedding().similarity(faces.get(0).embedding()))
                .isGreaterThan(0.9999f);
        assertThat(cache.get("abc", "other-model")).isEmpty();
        assertThat(cache.isAvailable()).isTrue();
        long ttlMillis = redis.run(
                "PTTL",
                commands -> commands.pttl(cache.keyOf("abc", "fake-recognizer").getBytes(UTF_8)),
                -1L);
        assertThat(ttlMillis)
                .isBetween(Duration.ofHours(23).toMillis(), Duration.ofHours(24).toMillis());
        assertThat(cache.keyOf("abc", "fake-recognizer")).isEqualTo(prefix + "emb:fake-recognizer:abc");
    }

    @Test
    void evictionRemovesTheEntryOfThatModelOnlyAndSaysWhetherThereWasOne() {
        cache.put("erased", "fake-recognizer", List.of(analysed("alice", 10)));
        cache.put("erased", "other-model", List.of());

        assertThat(cache.evict("erased", "fake-recognizer")).isTrue();
        assertThat(cache.evict("erased", "fake-recognizer")).isFalse();

        assertThat(cache.get("erased", "fake-recognizer")).isEmpty();
        assertThat(redis.run(
                        "EXISTS",
                        commands -> commands.exists(
                                cache.keyOf("erased", "fake-recognizer").getBytes(UTF_8)),
                        -1L))
                .isZero();
        assertThat(cache.get("erased", "other-model")).isPresent();
    }

    @Test
    void theInProcessCacheEvictsToo() {
        var local = new InProcessEmbeddingCache(Duration.ofHours(1), 10);
        local.put("erased", "fake-recognizer", List.of());
        assertThat(local.evict("erased", "fake-recognizer")).isTrue();
        assertThat(local.evict("erased", "fake-recognizer")).isFalse();
        assertThat(local.get("erased", "fake-recognizer")).isEmpty();
    }

    @Test
    void anEmptyListIsCachedToo() {
        cache.put("none", "fake-recognizer", List.of());
        assertThat(cache.get("none", "fake-recognizer")).hasValue(List.of());
    }

    @Test
    void theIdempotencyStoreClaimsOnceAndReplaysTheStoredResponse() {
        IdempotencyStore store = new RedisIdempotencyStore(redis, Duration.ofHours(24), prefix);
        String key = UUID.randomUUID().toString();
        assertThat(store.claim(key, "POST /x abc")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
        assertThat(store.claim(key, "POST /x abc")).isEqualTo(new IdempotencyStore.Claim.InProgress("POST /x abc"));
        store.complete(key, new StoredResponse("POST /x abc", 201, Map.of("Location", "/x/1"), "{}".getBytes(UTF_8)));
        var completed = (IdempotencyStore.Claim.Completed) store.claim(key, "POST /x abc");
        assertThat(completed.response().status()).isEqualTo(201);
        assertThat(completed.response().headers()).containsEntry("Location", "/x/1");
        assertThat(completed.response().body()).isEqualTo("{}".getBytes(UTF_8));
        store.release(key);
        assertThat(store.claim(key, "POST /x other")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
    }

    static AnalysedFace analysed(String person, float x) {
        var face = new DetectedFace(
                new BoundingBox(x, 20.5f, 100, 110),
                List.of(
                        new Point(x + 30, 60),
                        new Point(x + 70, 60),
                        new Point(x + 50, 80),
                        new Point(x + 35, 100),
                        new Point(x + 65, 100)),
                0.93f);
        return new AnalysedFace(face, FakeFaceEmbedder.vector(person, "fake-recognizer"));
    }
}
