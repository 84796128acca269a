package dev.facerec.storage;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The key scheme every {@link dev.facerec.core.store.ImageStore} adapter shares: the lowercase hexadecimal SHA-256 of
 * the bytes. One scheme for all adapters means images can be copied between stores without rewriting the keys that
 * the database holds.
 */
public final class ImageKeys {
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private ImageKeys() {}

    /** The key of {@code bytes}: 64 lowercase hexadecimal characters. */
    public static String of(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Whether {@code name} is a well-formed key: what a store's listing passes on, skipping anything else. */
    public static boolean isValid(String name) {
        return KEY.matcher(requireNonNull(name, "name is null")).matches();
    }

    /**
     * Returns {@code key} if it is a well-formed key. Anything else (other lengths, upper case, separators, {@code ..})
     * is rejected before it can reach a path or an object name.
     *
     * @throws FaceException {@code INVALID_REQUEST} for a malformed key
     */
    public static String requireValid(String key) {
        requireNonNull(key, "key is null");
        if (!isValid(key)) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "An image key is 64 lowercase hexadecimal characters (a SHA-256); this one is not.");
        }
        return key;
    }
}
