package dev.facerec.tools.bench.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same JPEG as a different file: a comment segment ({@code COM}, {@code FF FE}) carrying a serial number is
 * inserted after the leading application segments (JFIF, EXIF, ICC...), before the tables and the frame, so the
 * SHA-256 differs while the pixels, the orientation and the length stay the same. The service's embedding cache is
 * keyed by that SHA-256; without this a repeated photo would be answered from the cache and the figure would measure
 * nothing but HTTP.
 */
final class FreshUpload {
    private static final int SOI = 0xD8;
    private static final int COM = 0xFE;
    private static final AtomicLong SERIAL = new AtomicLong();

    private FreshUpload() {}

    /** {@code jpeg} with the next serial number of this process: no two calls give the same bytes. */
    static byte[] next(byte[] jpeg) {
        return jpeg(jpeg, SERIAL.incrementAndGet());
    }

    /**
     * {@code jpeg} with a comment segment {@code facerec-bench <serial>} (a fixed 20-digit width, so every copy has
     * the same length).
     *
     * @throws IllegalArgumentException if {@code jpeg} does not start with a JPEG marker sequence
     */
    static byte[] jpeg(byte[] jpeg, long serial) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
            throw new IllegalArgumentException("not a JPEG");
        }
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF && isApplicationOrComment(jpeg[at + 1] & 0xFF)) {
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
        }
        if (at > jpeg.length) {
            throw new IllegalArgumentException("a JPEG segment runs past the end of the file");
        }
        byte[] text = String.format(Locale.ROOT, "facerec-bench %020d", serial).getBytes(US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + text.length + 4);
        out.write(jpeg, 0, at);
        out.write(0xFF);
        out.write(COM);
        out.write((text.length + 2) >> 8);
        out.write((text.length + 2) & 0xFF);
        out.writeBytes(text);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    private static boolean isApplicationOrComment(int marker) {
        return (marker >= 0xE0 && marker <= 0xEF) || marker == COM;
    }
}
