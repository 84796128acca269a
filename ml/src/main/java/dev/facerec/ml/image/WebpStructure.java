package dev.facerec.ml.image;

/**
 * Checks that a WebP file holds every byte its RIFF container declares. The lossless (VP8L) codec reads past the end
 * of a cut-short file as zeros and returns a picture without complaint, so completeness is checked on the container
 * before decoding, as for JPEG.
 */
final class WebpStructure {
    private static final int RIFF_HEADER = 12; // "RIFF", size, "WEBP"
    private static final int CHUNK_HEADER = 8; // fourcc, size

    private WebpStructure() {}

    static boolean isComplete(byte[] bytes) {
        if (bytes.length < RIFF_HEADER) {
            return false;
        }
        long end = 8 + Bytes.littleEndianInt(bytes, 4);
        if (end > bytes.length) {
            return false;
        }
        long position = RIFF_HEADER;
        while (position + CHUNK_HEADER <= end) {
            long size = Bytes.littleEndianInt(bytes, (int) position + 4);
            // Chunk payloads are padded to an even length.
            position += CHUNK_HEADER + size + (size & 1);
        }
        // An odd final chunk may omit its pad byte; anything shorter means a chunk was cut.
        return position <= end + 1 && position > RIFF_HEADER;
    }
}
