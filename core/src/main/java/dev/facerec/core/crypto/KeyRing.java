package dev.facerec.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encryption at rest: AES-256-GCM envelopes under the current key, readable under the current or any previous key.
 *
 * <p>An envelope is {@code "frec" | version 1 | key id (4 bytes) | nonce (12 bytes) | ciphertext and 16-byte tag}.
 * The header and a caller-chosen context (which record the bytes belong to) are authenticated as associated data, so
 * a ciphertext altered, cut short, moved to another record or relabelled with another key id fails to open with a
 * {@link FaceErrorCode#DATA_INTEGRITY} error instead of yielding garbage. Key ids are derived from the keys, so
 * operators only ever handle secrets.
 *
 * <p>Bytes that do not start with the magic are legacy plaintext, written before encryption was on: {@link #open}
 * returns them as they are and {@link #isCurrent} says they need re-encrypting. The magic cannot begin the formats
 * stored here (JPEG, PNG, WebP, BMP and GIF headers differ, and as a little-endian float32 it is about 4e21, never a
 * component of a unit-length embedding).
 */
public final class KeyRing {
    private static final byte[] MAGIC = {'f', 'r', 'e', 'c'};
    private static final byte VERSION = 1;
    private static final int HEADER_BYTES = MAGIC.length + 1 + DataKey.ID_BYTES;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int OVERHEAD = HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8;

    private final DataKey current;
    private final Map<String, DataKey> byId;
    private final SecureRandom random = new SecureRandom();

    private KeyRing(List<DataKey> keys) {
        this.current = keys.getFirst();
        Map<String, DataKey> map = new LinkedHashMap<>();
        for (DataKey key : keys) {
            // Two distinct secrets with the same 32-bit id: ciphertexts could not say which key opens them.
            DataKey clash = map.putIfAbsent(key.id(), key);
            if (clash != null && !clash.aes().equals(key.aes())) {
                throw new IllegalArgumentException(
                        "two encryption secrets derive the same key id " + key.id() + "; replace one of them");
            }
        }
        this.byId = Collections.unmodifiableMap(map); // keeps the order: current key first
    }

    /**
     * @param currentSecret the secret new data is sealed under
     * @param previousSecrets older secrets whose data can still be read until rotation has re-encrypted it
     */
    public static KeyRing of(byte[] currentSecret, List<byte[]> previousSecrets) {
        requireNonNull(currentSecret, "currentSecret is null");
        requireNonNull(previousSecrets, "previousSecrets is null");
        List<DataKey> keys = new ArrayList<>();
        keys.add(DataKey.derive(currentSecret));
        previousSecrets.forEach(secret -> keys.add(DataKey.derive(secret)));
        return new KeyRing(keys);
    }

    /** A ring of one secret given as text (its UTF-8 bytes), with no previous secrets. */
    public static KeyRing of(String currentSecret) {
        return of(requireNonNull(currentSecret, "currentSecret is null").getBytes(UTF_8), List.of());
    }

    /** The id of the key new data is sealed under: 8 lowercase hexadecimal characters. */
    public String currentKeyId() {
        return current.id();
    }

    /** Every key id this ring can open, the current one first. */
    public List<String> keyIds() {
        return List.copyOf(byId.keySet());
    }

    /** Seals {@code plaintext} under the current key with a random nonce, bound to {@code context}. */
    public byte[] seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return seal(plaintext, context, nonce);
    }

    /**
     * Seals {@code plaintext} with a nonce derived from the plaintext and context (a synthetic IV, as in SIV modes):
     * the same bytes sealed under the same key give the same envelope, so stores that deduplicate by content keep
     * working, and only equality of two plaintexts shows. The nonce key is independent of the encryption key, and two
     * different plaintexts share a nonce with probability 2^-96.
     */
    public byte[] sealDeterministically(byte[] plaintext, String context) {
        requireNonNull(plaintext, "plaintext is null");
        byte[] contextBytes = requireNonNull(context, "context is null").getBytes(UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(current.nonce());
            mac.update(ByteBuffer.allocate(Integer.BYTES)
                    .putInt(contextBytes.length)
                    .array());
            mac.update(contextBytes);
            return seal(plaintext, context, Arrays.copyOf(mac.doFinal(plaintext), NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
    }

    private byte[] seal(byte[] plaintext, String context, byte[] nonce) {
        requireNonNull(plaintext, "plaintext is null");
        requireNonNull(context, "context is null");
        ByteBuffer out = ByteBuffer.allocate(OVERHEAD + plaintext.length);
        out.put(MAGIC).put(VERSION).put(current.idBytes()).put(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.aes(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(out.array(), 0, HEADER_BYTES);
            cipher.updateAAD(context.getBytes(UTF_8));
            cipher.doFinal(ByteBuffer.wrap(plaintext), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM failed to encrypt", e);
        }
    }

    /**
     * The plaintext of {@code stored}: opened with the key its header names, or returned as it is when it is legacy
     * plaintext.
     *
     * @throws FaceException {@code DATA_INTEGRITY} if the envelope was altered, truncated, sealed for another context,
     *     or sealed under a key this ring does not hold
     */
    public byte[] open(byte[] stored, String context) {
        requireNonNull(stored, "stored is null");
        requireNonNull(context, "context is null");
        Optional<String> keyId = keyIdOf(stored);
        if (keyId.isEmpty()) {
            return stored;
        }
        DataKey key = byId.get(keyId.get());
        if (key == null) {
            throw new FaceException(
                    FaceErrorCode.DATA_INTEGRITY,
                    "Stored data is encrypted under key " + keyId.get() + ", which is not among the configured keys "
                            + keyIds() + "; add its secret to the previous keys.");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BITS, stored, HEADER_BYTES, NONCE_BYTES));
            cipher.updateAAD(stored, 0, HEADER_BYTES);
            cipher.updateAAD(context.getBytes(UTF_8));
            return cipher.doFinal(stored, HEADER_BYTES + NONCE_BYTES, stored.length - HEADER_BYTES - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw tampered("it was altered or belongs to another record");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM failed to decrypt", e);
        }
    }

    /**
     * The id of the key {@code stored} is sealed under, or empty for legacy plaintext.
     *
     * @throws FaceException {@code DATA_INTEGRITY} for bytes that start like an envelope but are not a whole one
     */
    public static Optional<String> keyIdOf(byte[] stored) {
        requireNonNull(stored, "stored is null");
        if (!Arrays.equals(stored, 0, Math.min(stored.length, MAGIC.length), MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        if (stored.length < OVERHEAD) {
            throw tampered("it is shorter than any envelope");
        }
        if (stored[MAGIC.length] != VERSION) {
            throw tampered("its format version " + stored[MAGIC.length] + " is unknown");
        }
        return Optional.of(HexFormat.of().formatHex(stored, MAGIC.length + 1, HEADER_BYTES));
    }

    /** Whether {@code stored} is sealed under the current key; legacy plaintext and older keys are not. */
    public boolean isCurrent(byte[] stored) {
        return keyIdOf(stored).filter(current.id()::equals).isPresent();
    }

    private static FaceException tampered(String why) {
        return new FaceException(
                FaceErrorCode.DATA_INTEGRITY, "Stored encrypted data failed its integrity check: " + why + ".");
    }

    /** Names the key ids only: secrets never reach a log. */
    @Override
    public String toString() {
        return "KeyRing[current=" + current.id() + ", keys=" + keyIds() + "]";
    }
}
