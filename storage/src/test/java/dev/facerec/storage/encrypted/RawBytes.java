package dev.facerec.storage.encrypted;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/** Checks on the raw bytes a store holds: what a copy of the folder or bucket would show. */
public final class RawBytes {
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private RawBytes() {}

    /** {@code bytes} made to start like a JPEG, so the test can look for the magic in what is stored. */
    public static byte[] jpegLike(byte[] bytes) {
        System.arraycopy(JPEG_MAGIC, 0, bytes, 0, JPEG_MAGIC.length);
        return bytes;
    }

    /** The envelope header, not the photo, starts the object; no 16-byte run of the photo appears anywhere in it. */
    public static void assertNoPlaintext(byte[] raw, byte[] photo) {
        assertThat(new String(raw, 0, 4, UTF_8)).isEqualTo("frec");
        assertThat(indexOf(raw, JPEG_MAGIC)).as("JPEG magic").isNegative();
        for (int offset = 0; offset + 16 <= photo.length; offset += 16) {
            assertThat(indexOf(raw, Arrays.copyOfRange(photo, offset, offset + 16)))
                    .as("photo bytes at %d", offset)
                    .isNegative();
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        // Latin-1 maps each byte to one char, so String.indexOf searches the bytes.
        return new String(haystack, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
