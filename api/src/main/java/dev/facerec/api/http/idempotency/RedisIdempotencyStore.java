package dev.facerec.api.http.idempotency;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.facerec.api.app.cache.RedisConnector;
import io.lettuce.core.SetArgs;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * {@link IdempotencyStore} in Redis, shared by every replica, under {@code <prefix>idem:<sha256 of the key>}. A claim
 * is {@code SET NX} of an in-progress marker that expires after {@link #IN_PROGRESS_TTL}, so a replica that dies
 * mid-request blocks retries for minutes, not a day. When Redis cannot be reached the request runs without
 * idempotency (and a throttled warning is logged): the service keeps answering, at the risk of a duplicate on retry.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {
    static final Duration IN_PROGRESS_TTL = Duration.ofMinutes(2);
    private static final byte IN_PROGRESS = 'P';
    private static final byte COMPLETED = 'C';

    private final RedisConnector redis;
    private final Duration ttl;
    private final String prefix;

    public RedisIdempotencyStore(RedisConnector redis, Duration ttl, String prefix) {
        this.redis = redis;
        this.ttl = ttl;
        this.prefix = prefix;
    }

    @Override
    public Claim claim(String key, String fingerprint) {
        byte[] redisKey = redisKey(key);
        byte[] marker = tagged(IN_PROGRESS, fingerprint.getBytes(UTF_8));
        // Two tries: the entry found by a failed SET NX may expire before the GET.
        for (int attempt = 0; attempt < 2; attempt++) {
            String set = redis.run(
                    "SET NX",
                    commands ->
                            commands.set(redisKey, marker, SetArgs.Builder.nx().px(IN_PROGRESS_TTL)),
                    "OK");
            if ("OK".equals(set)) {
                return new Claim.Claimed();
            }
            byte[] existing = redis.run("GET", commands -> commands.get(redisKey), null);
            if (existing != null && existing.length > 0) {
                byte[] payload = java.util.Arrays.copyOfRange(existing, 1, existing.length);
                return existing[0] == COMPLETED
                        ? new Claim.Completed(StoredResponse.decode(payload))
                        : new Claim.InProgress(new String(payload, UTF_8));
            }
        }
        return new Claim.Claimed();
    }

    @Override
    public void complete(String key, StoredResponse response) {
        byte[] value = tagged(COMPLETED, response.encode());
        redis.run("SET", commands -> commands.set(redisKey(key), value, SetArgs.Builder.px(ttl)), null);
    }

    @Override
    public void release(String key) {
        redis.run("DEL", commands -> commands.del(redisKey(key)), 0L);
    }

    private byte[] redisKey(String key) {
        try {
            String digest = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8)));
            return (prefix + "idem:" + digest).getBytes(UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] tagged(byte tag, byte[] payload) {
        byte[] value = new byte[payload.length + 1];
        value[0] = tag;
        System.arraycopy(payload, 0, value, 1, payload.length);
        return value;
    }
}
