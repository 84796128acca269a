package dev.facerec.ml.image;

import java.nio.charset.StandardCharsets;

/** Reads of untrusted byte arrays shared by the sniffers and container walkers. */
final class Bytes {
    private Bytes() {}

    /** Safe on arrays of any length: a short array simply does not match. */
    static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != (expected[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(byte[] bytes, int offset, byte[] expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWithText(byte[] bytes, int offset, String expected) {
        return startsWith(bytes, offset, expected.getBytes(StandardCharsets.US_ASCII));
    }

    /** The caller checks that four bytes exist at {@code offset}. */
    static long littleEndianInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFFL)
                | (bytes[offset + 1] & 0xFFL) << 8
                | (bytes[offset + 2] & 0xFFL) << 16
                | (bytes[offset + 3] & 0xFFL) << 24;
    }

    /** The caller checks that four bytes exist at {@code offset}. */
    static long bigEndianInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFFL) << 24
                | (bytes[offset + 1] & 0xFFL) << 16
                | (bytes[offset + 2] & 0xFFL) << 8
                | (bytes[offset + 3] & 0xFFL);
    }
}
