package dev.facerec.api.app.cache;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.facerec.core.cache.EmbeddingCache;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EmbeddingCache} in Redis under {@code <prefix>emb:<model>:<sha256>}, shared by every replica. Every call is
 * bounded by the connector's timeout and a failure is a miss (or a skipped write), never an error.
 */
public final class RedisEmbeddingCache implements EmbeddingCache {
    public static final String DEFAULT_PREFIX = "facerec:";
    private static final Logger log = LoggerFactory.getLogger(RedisEmbeddingCache.class);

    private final RedisConnector redis;
    private final Duration ttl;
    private final String prefix;

    public RedisEmbeddingCache(RedisConnector redis, Duration ttl, String prefix) {
        this.redis = redis;
        this.ttl = ttl;
        this.prefix = prefix;
    }

    @Override
    public Optional<List<AnalysedFace>> get(String imageSha256, String modelId) {
        byte[] value = redis.run("GET", commands -> commands.get(key(imageSha256, modelId)), null);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EmbeddingCodec.decode(value, modelId));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring an unreadable embedding cache entry for model {}: {}", modelId, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void put(String imageSha256, String modelId, List<AnalysedFace> faces) {
        byte[] value = EmbeddingCodec.encode(faces);
        redis.run("SET", commands -> commands.set(key(imageSha256, modelId), value, SetArgs.Builder.px(ttl)), null);
    }

    @Override
    public boolean evict(String imageSha256, String modelId) {
        Long deleted = redis.run("DEL", commands -> commands.del(key(imageSha256, modelId)), null);
        if (deleted == null) {
            throw new IllegalStateException("Redis did not confirm the eviction of an embedding cache entry");
        }
        return deleted > 0;
    }

    @Override
    public boolean isAvailable() {
        return redis.isAvailable();
    }

    String keyOf(String imageSha256, String modelId) {
        return prefix + "emb:" + modelId + ":" + imageSha256;
    }

    private byte[] key(String imageSha256, String modelId) {
        return keyOf(imageSha256, modelId).getBytes(UTF_8);
    }
}
