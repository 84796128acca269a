package dev.facerec.core.testing;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.store.ImageStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Content-addressed {@link ImageStore} in a map, with switches to make writes or deletes fail and a hook that lets a
 * test run something while a delete is under way.
 */
public final class InMemoryImageStore implements ImageStore {
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private volatile boolean failPuts;
    private volatile boolean failDeletes;
    private final AtomicReference<Consumer<String>> duringNextDelete = new AtomicReference<>();

    public void failPuts(boolean fail) {
        this.failPuts = fail;
    }

    public void failDeletes(boolean fail) {
        this.failDeletes = fail;
    }

    @Override
    public String put(byte[] bytes, String mediaType) {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(mediaType, "mediaType is null");
        if (failPuts) {
            throw new FaceException(FaceErrorCode.UNAVAILABLE, "The image store is unavailable (injected).");
        }
        String key = "images/" + sha256(bytes);
        objects.put(key, bytes.clone());
        return key;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
    }

    /** Runs {@code hook} with the key once, in the next {@link #delete}, before the object is removed. */
    public void duringNextDelete(Consumer<String> hook) {
        duringNextDelete.set(requireNonNull(hook, "hook is null"));
    }

    @Override
    public boolean contains(String key) {
        return objects.containsKey(requireNonNull(key, "key is null"));
    }

    @Override
    public void delete(String key) {
        if (failDeletes) {
            throw new FaceException(FaceErrorCode.UNAVAILABLE, "The image store is unavailable (injected).");
        }
        Consumer<String> hook = duringNextDelete.getAndSet(null);
        if (hook != null) {
            hook.accept(key);
        }
        objects.remove(key);
    }

    @Override
    public void forEachKey(Consumer<? super String> action) {
        objects.keySet().forEach(action);
    }

    @Override
    public boolean isAvailable() {
        return !failPuts;
    }

    public Set<String> keys() {
        return Set.copyOf(objects.keySet());
    }

    public void clear() {
        objects.clear();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
