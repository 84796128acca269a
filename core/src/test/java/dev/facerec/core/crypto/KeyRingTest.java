package dev.facerec.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    private static final String A = "first-secret-0123456789abcdef0123456789";
    private static final String B = "second-secret-0123456789abcdef012345678";
    private static final String CONTEXT = "face 1";

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static KeyRing ring(String current, String... previous) {
        return KeyRing.of(
                current.getBytes(UTF_8),
                List.of(previous).stream().map(s -> s.getBytes(UTF_8)).toList());
    }

    @Test
    void sealedBytesOpenToThePlaintextAndHideIt() {
        KeyRing ring = KeyRing.of(A);
        byte[] plaintext = bytes(2048);

        byte[] sealed = ring.seal(plaintext, CONTEXT);

        assertThat(sealed).hasSize(plaintext.length + 4 + 1 + 4 + 12 + 16);
        assertThat(indexOf(sealed, java.util.Arrays.copyOfRange(plaintext, 0, 16)))
                .isNegative();
        assertThat(ring.open(sealed, CONTEXT)).isEqualTo(plaintext);
        assertThat(KeyRing.keyIdOf(sealed)).contains(ring.currentKeyId());
        assertThat(ring.isCurrent(sealed)).isTrue();
    }

    @Test
    void randomNoncesMakeEverySealDifferentButDeterministicSealsRepeat() {
        KeyRing ring = KeyRing.of(A);
        byte[] plaintext = bytes(100);

        assertThat(ring.seal(plaintext, CONTEXT)).isNotEqualTo(ring.seal(plaintext, CONTEXT));
        assertThat(ring.sealDeterministically(plaintext, CONTEXT))
                .isEqualTo(ring.sealDeterministically(plaintext.clone(), CONTEXT))
                .isNotEqualTo(ring.sealDeterministically(plaintext, "other"))
                .isNotEqualTo(KeyRing.of(B).sealDeterministically(plaintext, CONTEXT));
        assertThat(ring.open(ring.sealDeterministically(plaintext, CONTEXT), CONTEXT))
                .isEqualTo(plaintext);
    }

    @Test
    void keyIdsComeFromTheSecretsAlone() {
        assertThat(KeyRing.of(A).currentKeyId())
                .matches("[0-9a-f]{8}")
                .isEqualTo(KeyRing.of(A).currentKeyId())
                .isNotEqualTo(KeyRing.of(B).currentKeyId());
        assertThat(ring(B, A).keyIds())
                .containsExactly(KeyRing.of(B).currentKeyId(), KeyRing.of(A).currentKeyId());
        assertThat(ring(B, A).toString()).doesNotContain(A, B);
    }

    @Test
    void aRotatedRingReadsOldDataAndSealsUnderTheNewKey() {
        byte[] plaintext = bytes(512);
        byte[] underA = KeyRing.of(A).seal(plaintext, CONTEXT);
        KeyRing rotated = ring(B, A);

        assertThat(rotated.open(underA, CONTEXT)).isEqualTo(plaintext);
        assertThat(rotated.isCurrent(underA)).isFalse();
        byte[] underB = rotated.seal(rotated.open(underA, CONTEXT), CONTEXT);
        assertThat(rotated.isCurrent(underB)).isTrue();

        KeyRing withoutA = KeyRing.of(B);
        assertThat(withoutA.open(underB, CONTEXT)).isEqualTo(plaintext);
        assertIntegrityError(() -> withoutA.open(underA, CONTEXT), KeyRing.of(A).currentKeyId());
    }

    @Test
    void everyAlteredByteIsAnIntegrityErrorNeverGarbage() {
        KeyRing ring = KeyRing.of(A);
        byte[] sealed = ring.seal(bytes(64), CONTEXT);

        for (int index = 4; index < sealed.length; index++) {
            byte[] tampered = sealed.clone();
            tampered[index] ^= 0x01;
            assertIntegrityError(() -> ring.open(tampered, CONTEXT), "");
        }
        assertIntegrityError(() -> ring.open(java.util.Arrays.copyOf(sealed, sealed.length - 1), CONTEXT), "integrity");
        assertIntegrityError(() -> ring.open(java.util.Arrays.copyOf(sealed, 20), CONTEXT), "shorter");
    }

    @Test
    void aCiphertextMovedToAnotherRecordDoesNotOpen() {
        KeyRing ring = KeyRing.of(A);
        byte[] sealed = ring.seal(bytes(64), "face 1|model-a");

        assertIntegrityError(() -> ring.open(sealed, "face 2|model-a"), "another record");
    }

    @Test
    void aWrongKeyWithTheSameIdCannotOpen() {
        byte[] sealed = KeyRing.of(A).seal(bytes(64), CONTEXT);
        byte[] relabelled = KeyRing.of(B).seal(bytes(64), CONTEXT);
        System.arraycopy(relabelled, 5, sealed, 5, 4); // claim to be under B

        assertIntegrityError(() -> KeyRing.of(B).open(sealed, CONTEXT), "altered");
    }

    @Test
    void legacyPlaintextPassesThroughAndIsNotCurrent() {
        KeyRing ring = KeyRing.of(A);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};

        assertThat(ring.open(jpeg, CONTEXT)).isEqualTo(jpeg);
        assertThat(KeyRing.keyIdOf(jpeg)).isEmpty();
        assertThat(KeyRing.keyIdOf(new byte[0])).isEmpty();
        assertThat(ring.isCurrent(jpeg)).isFalse();
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatThrownBy(() -> KeyRing.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertIntegrityError(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(FaceErrorCode.DATA_INTEGRITY);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        // Latin-1 maps each byte to one char, so String.indexOf searches the bytes.
        return new String(haystack, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
