package dev.facerec.ml.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the raw EXIF block (a TIFF structure) inside PNG and WebP containers. The library's whole-file readers are
 * avoided on purpose: they also inflate PNG text and ICC chunks without a size bound, a second decompression bomb
 * that the pixel limit would not catch.
 */
final class ExifChunks {
    private static final int PNG_SIGNATURE = 8;
    private static final int RIFF_HEADER = 12;
    private static final byte[] JPEG_PREAMBLE = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);

    private ExifChunks() {}

    /** The payload of the PNG {@code eXIf} chunk, if there is one. */
    static Optional<byte[]> png(byte[] bytes) {
        long position = PNG_SIGNATURE;
        while (position + 8 <= bytes.length) {
            long length = Bytes.bigEndianInt(bytes, (int) position);
            String type = new String(bytes, (int) position + 4, 4, StandardCharsets.US_ASCII);
            long start = position + 8;
            if ("eXIf".equals(type)) {
                return slice(bytes, start, length);
            }
            if ("IEND".equals(type)) {
                break;
            }
            position = start + length + 4; // payload, then CRC
        }
        return Optional.empty();
    }

    /** The payload of the WebP {@code EXIF} chunk, if there is one, without the JPEG preamble some writers copy in. */
    static Optional<byte[]> webp(byte[] bytes) {
        long position = RIFF_HEADER;
        while (position + 8 <= bytes.length) {
            long size = Bytes.littleEndianInt(bytes, (int) position + 4);
            String type = new String(bytes, (int) position, 4, StandardCharsets.US_ASCII);
            long start = position + 8;
            if ("EXIF".equals(type)) {
                return slice(bytes, start, size).map(ExifChunks::withoutPreamble);
            }
            position = start + size + (size & 1);
        }
        return Optional.empty();
    }

    private static Optional<byte[]> slice(byte[] bytes, long start, long length) {
        if (start + length > bytes.length) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(bytes, (int) start, (int) (start + length)));
    }

    private static byte[] withoutPreamble(byte[] exif) {
        return Bytes.startsWith(exif, 0, JPEG_PREAMBLE)
                ? Arrays.copyOfRange(exif, JPEG_PREAMBLE.length, exif.length)
                : exif;
    }
}
