package dev.facerec.ml.image;

/**
 * Checks that a WebP file holds every byte its RIFF container declares, and a picture. The lossless (VP8L) codec reads
 * past the end of a cut-short file as zeros and returns a picture without complaint, so completeness is checked on the
 * container before decoding, as for JPEG. A container with an extended header (VP8X) but no image chunk at all decodes
 * to a blank canvas of the declared size; it is refused the same way, since there is nothing in it to look at.
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
        boolean picture = false;
        while (position + CHUNK_HEADER <= end) {
            picture |= isPicture(bytes, (int) position);
            long size = Bytes.littleEndianInt(bytes, (int) position + 4);
            // Chunk payloads are padded to an even length.
            position += CHUNK_HEADER + size + (size & 1);
        }
        // An odd final chunk may omit its pad byte; anything shorter means a chunk was cut.
        return picture && position <= end + 1 && position > RIFF_HEADER;
    }

    /** Lossy, lossless, or an animation frame (which holds one of the other two). */
    private static boolean isPicture(byte[] bytes, int chunk) {
        return Bytes.startsWithText(bytes, chunk, "VP8 ")
                || Bytes.startsWithText(bytes, chunk, "VP8L")
                || Bytes.startsWithText(bytes, chunk, "ANMF");
    }
}
