package dev.facerec.ml.image.heif;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;

/** Copies libheif's interleaved RGB(A) rows, which may be padded to a stride, into the service's packed BGR. */
final class InterleavedPixels {
    private static final int WHITE = 255;

    private InterleavedPixels() {}

    static byte[] toBgr(MemorySegment plane, int width, int height, int stride, int channels) {
        byte[] bgr = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        byte[] row = new byte[width * channels];
        int target = 0;
        for (int y = 0; y < height; y++) {
            MemorySegment.copy(plane, JAVA_BYTE, (long) y * stride, row, 0, row.length);
            if (channels == 3) {
                for (int source = 0; source < row.length; source += 3, target += 3) {
                    bgr[target] = row[source + 2];
                    bgr[target + 1] = row[source + 1];
                    bgr[target + 2] = row[source];
                }
            } else {
                for (int source = 0; source < row.length; source += 4, target += 3) {
                    int alpha = row[source + 3] & 0xFF;
                    bgr[target] = overWhite(row[source + 2], alpha);
                    bgr[target + 1] = overWhite(row[source + 1], alpha);
                    bgr[target + 2] = overWhite(row[source], alpha);
                }
            }
        }
        return bgr;
    }

    /** Straight (not premultiplied) alpha over an opaque white background, rounded. */
    private static byte overWhite(byte value, int alpha) {
        return (byte) (((value & 0xFF) * alpha + WHITE * (WHITE - alpha) + WHITE / 2) / WHITE);
    }
}
