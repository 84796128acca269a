package dev.facerec.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.KDF;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys derived from one operator secret with HKDF-SHA256: an AES-256 key for the data, an HMAC key for
 * synthetic nonces, and a 4-byte id. Separate HKDF labels keep the three independent: knowing the id (which is
 * stored in clear beside every ciphertext) reveals nothing about either key, and the nonce key never encrypts.
 */
record DataKey(String id, byte[] idBytes, SecretKey aes, SecretKey nonce) {
    static final int ID_BYTES = 4;
    // Fixed salt: the secret is the only input that varies; the salt separates these keys from any other use of it.
    private static final byte[] SALT = "facerec/encryption-at-rest".getBytes(UTF_8);

    DataKey {
        requireNonNull(id, "id is null");
        requireNonNull(idBytes, "idBytes is null");
        requireNonNull(aes, "aes is null");
        requireNonNull(nonce, "nonce is null");
    }

    static DataKey derive(byte[] secret) {
        requireNonNull(secret, "secret is null");
        if (secret.length == 0) {
            throw new IllegalArgumentException("an encryption secret must not be empty");
        }
        byte[] idBytes = expand(secret, "key id v1", ID_BYTES);
        return new DataKey(
                HexFormat.of().formatHex(idBytes),
                idBytes,
                new SecretKeySpec(expand(secret, "aes-256-gcm data key v1", 32), "AES"),
                new SecretKeySpec(expand(secret, "hmac-sha256 nonce key v1", 32), "HmacSHA256"));
    }

    private static byte[] expand(byte[] secret, String label, int length) {
        try {
            return KDF.getInstance("HKDF-SHA256")
                    .deriveData(HKDFParameterSpec.ofExtract()
                            .addIKM(secret)
                            .addSalt(SALT)
                            .thenExpand(label.getBytes(UTF_8), length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 25 platform provides HKDF-SHA256", e);
        }
    }

    @Override
    public String toString() {
        return "DataKey[" + id + "]";
    }
}
