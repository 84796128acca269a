package dev.facerec.ml.image;

/**
 * Walks a JPEG's marker structure to tell whether the file reaches its end-of-image marker. The codecs decode a JPEG
 * cut short (an interrupted upload) without an error, filling the missing rows with gray; a face search on such a
 * picture silently misses whoever was in the lost part, so the decoder refuses it instead.
 *
 * <p>Only the structure is read: segment lengths are skipped and entropy-coded data is scanned for the next marker
 * (inside it, {@code FF} is always followed by a stuffed {@code 00} or a restart marker). Bytes after the end-of-image
 * marker, such as a phone's appended motion-photo video, are ignored.
 */
final class JpegStructure {
    private static final int MARKER_PREFIX = 0xFF;
    private static final int END_OF_IMAGE = 0xD9;
    private static final int START_OF_SCAN = 0xDA;

    private JpegStructure() {}

    static boolean reachesEndOfImage(byte[] bytes) {
        int position = 2; // after the start-of-image marker
        while (position + 1 < bytes.length) {
            if ((bytes[position] & 0xFF) != MARKER_PREFIX) {
                // Stray bytes between segments: libjpeg skips them with a warning, and so do we.
                position++;
                continue;
            }
            int marker = bytes[position + 1] & 0xFF;
            if (marker == END_OF_IMAGE) {
                return true;
            }
            if (marker == MARKER_PREFIX || isStandalone(marker)) {
                position += marker == MARKER_PREFIX ? 1 : 2; // fill byte, or a marker without a length
                continue;
            }
            if (position + 3 >= bytes.length) {
                return false;
            }
            int length = ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
            position += 2 + length;
            if (marker == START_OF_SCAN) {
                position = nextMarkerAfterEntropyData(bytes, position);
            }
        }
        return false;
    }

    private static boolean isStandalone(int marker) {
        return marker == 0x01 || marker == 0x00 || (marker >= 0xD0 && marker <= 0xD8);
    }

    /** The position of the first marker that ends the entropy-coded data starting at {@code position}. */
    private static int nextMarkerAfterEntropyData(byte[] bytes, int position) {
        int index = position;
        while (index + 1 < bytes.length) {
            if ((bytes[index] & 0xFF) == MARKER_PREFIX) {
                int next = bytes[index + 1] & 0xFF;
                boolean partOfData = next == 0x00 || next == MARKER_PREFIX || (next >= 0xD0 && next <= 0xD7);
                if (!partOfData) {
                    return index;
                }
            }
            index++;
        }
        return bytes.length;
    }
}
