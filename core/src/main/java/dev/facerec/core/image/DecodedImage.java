package dev.facerec.core.image;

import static java.util.Objects.requireNonNull;

/**
 * An upright (orientation-corrected) 8-bit image in interleaved BGR order, row-major: the byte for channel {@code c}
 * of pixel {@code (x, y)} is at {@code (y * width + x) * 3 + c}, with c = 0 blue, 1 green, 2 red.
 *
 * <p>The pixel array is shared, not copied, for speed: treat it as read-only.
 */
public record DecodedImage(int width, int height, byte[] bgr, String format) {
    public DecodedImage {
        requireNonNull(bgr, "bgr is null");
        requireNonNull(format, "format is null");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + " x " + height);
        }
        if (bgr.length != Math.multiplyExact(Math.multiplyExact(width, height), 3)) {
            throw new IllegalArgumentException("expected " + width + " x " + height + " x 3 bytes, got " + bgr.length);
        }
    }

    public long pixelCount() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return "DecodedImage[" + width + "x" + height + ", " + format + "]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
