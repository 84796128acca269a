package dev.facerec.core.testing;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.job.BucketObject;
import dev.facerec.core.job.ImportBucket;
import dev.facerec.core.job.ImportPrefix;
import dev.facerec.core.usecase.Sha256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bucket in memory with the contract of {@link ImportBucket}: keys outside the root are refused, entity tags are the
 * bytes' SHA-256, and it can be made unreachable.
 */
public final class InMemoryImportBucket implements ImportBucket {
    private final ImportPrefix root;
    private final TreeMap<String, byte[]> objects = new TreeMap<>();
    private final Map<String, Long> declaredSizes = new TreeMap<>();
    private volatile boolean unavailable;

    public InMemoryImportBucket(ImportPrefix root) {
        this.root = root;
    }

    /** Puts (or replaces) an object; any key, as an operator's tool could. */
    public InMemoryImportBucket put(String key, byte[] bytes) {
        synchronized (objects) {
            objects.put(key, bytes.clone());
            declaredSizes.remove(key);
        }
        return this;
    }

    /** Lists the object with another size than it has, as a store that lies would. */
    public InMemoryImportBucket declare(String key, long size) {
        synchronized (objects) {
            declaredSizes.put(key, size);
        }
        return this;
    }

    public void remove(String key) {
        synchronized (objects) {
            objects.remove(key);
        }
    }

    /** While true, every call fails with {@code UNAVAILABLE}. */
    public void unavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    @Override
    public List<BucketObject> list(ImportPrefix prefix, int limit) {
        check(prefix.value());
        List<BucketObject> listed = new ArrayList<>();
        synchronized (objects) {
            for (Map.Entry<String, byte[]> object :
                    objects.tailMap(prefix.value(), true).entrySet()) {
                if (!object.getKey().startsWith(prefix.value()) || listed.size() == limit) {
                    break;
                }
                long size = declaredSizes.getOrDefault(object.getKey(), (long) object.getValue().length);
                listed.add(new BucketObject(object.getKey(), size, Sha256.hex(object.getValue())));
            }
        }
        return listed;
    }

    @Override
    public byte[] read(String key, String etag, long maxBytes) {
        check(key);
        byte[] bytes;
        synchronized (objects) {
            bytes = objects.get(key);
        }
        if (bytes == null) {
            throw new FaceException(FaceErrorCode.NOT_FOUND, "no object " + key);
        }
        if (etag != null && !etag.equals(Sha256.hex(bytes))) {
            throw new FaceException(FaceErrorCode.CONFLICT, "another version of " + key);
        }
        if (bytes.length > maxBytes) {
            throw new FaceException(FaceErrorCode.IMAGE_TOO_LARGE, key + " is larger than " + maxBytes);
        }
        return Arrays.copyOf(bytes, bytes.length);
    }

    private void check(String key) {
        if (unavailable) {
            throw new FaceException(FaceErrorCode.UNAVAILABLE, "the bucket cannot be reached");
        }
        if (!key.startsWith(root.value())) {
            throw new FaceException(FaceErrorCode.INVALID_REQUEST, key + " is outside " + root);
        }
    }
}
