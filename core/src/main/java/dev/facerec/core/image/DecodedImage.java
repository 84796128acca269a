package dev.facerec.core.image;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.BoundingBox;
import java.util.Optional;

/**
 * An upright (orientation-corrected) 8-bit image in interleaved BGR order, row-major: the byte for channel {@code c}
 * of pixel {@code (x, y)} is at {@code (y * width + x) * 3 + c}, with c = 0 blue, 1 green, 2 red.
 *
 * <p>{@code width} and {@code height} are those of the pixel array. The {@link Placement} says where the pixels lie
 * in the source picture: a JPEG may be decoded at a reduced scale, or a region of it at a finer one, while faces are
 * always given in source coordinates ({@link #sourceWidth()} x {@link #sourceHeight()}). {@link #finer} offers a
 * closer look where the decoder can give one.
 *
 * <p>The pixel array is shared, not copied, for speed: treat it as read-only.
 */
public record DecodedImage(
        int width, int height, byte[] bgr, String format, Placement placement, FinerPixels finerPixels) {
    public DecodedImage {
        requireNonNull(bgr, "bgr is null");
        requireNonNull(format, "format is null");
        requireNonNull(placement, "placement is null");
        requireNonNull(finerPixels, "finerPixels is null");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + " x " + height);
        }
        if (bgr.length != Math.multiplyExact(Math.multiplyExact(width, height), 3)) {
            throw new IllegalArgumentException("expected " + width + " x " + height + " x 3 bytes, got " + bgr.length);
        }
    }

    /** A full-resolution decode of a whole picture. */
    public DecodedImage(int width, int height, byte[] bgr, String format) {
        this(width, height, bgr, format, Placement.whole(width, height), FinerPixels.NONE);
    }

    public long pixelCount() {
        return (long) width * height;
    }

    /** Width of the whole upright picture, the space face coordinates are given in. */
    public int sourceWidth() {
        return placement.sourceWidth();
    }

    /** Height of the whole upright picture, the space face coordinates are given in. */
    public int sourceHeight() {
        return placement.sourceHeight();
    }

    /** Pixels per source pixel: 1 for a full decode, 1/2, 1/4, ... for a reduced one. */
    public float scale() {
        return placement.scale();
    }

    /** A box given in source coordinates, in this image's pixel coordinates (not clipped). */
    public BoundingBox toPixels(BoundingBox source) {
        return new BoundingBox(
                placement.toPixelX(source.x()),
                placement.toPixelY(source.y()),
                source.width() * placement.scale(),
                source.height() * placement.scale());
    }

    /**
     * Whether {@code area} (source coordinates) lies within these pixels, with every part that lies within the
     * picture also within this image.
     */
    public boolean covers(BoundingBox area) {
        float left = Math.max(0, area.x());
        float top = Math.max(0, area.y());
        float right = Math.min(sourceWidth(), area.x() + area.width());
        float bottom = Math.min(sourceHeight(), area.y() + area.height());
        return placement.toPixelX(left) >= -0.5f
                && placement.toPixelY(top) >= -0.5f
                && placement.toPixelX(right) <= width + 0.5f
                && placement.toPixelY(bottom) <= height + 0.5f;
    }

    /** A finer decode of {@code area} at a scale of at least {@code scale}, when the decoder offers one. */
    public Optional<DecodedImage> finer(BoundingBox area, float scale) {
        return finerPixels.region(requireNonNull(area, "area is null"), scale);
    }

    @Override
    public String toString() {
        return "DecodedImage[" + width + "x" + height + ", " + format
                + (placement.scale() < 1 || placement.left() > 0 || placement.top() > 0
                        ? " at " + placement.scale() + " of " + sourceWidth() + "x" + sourceHeight()
                        : "")
                + "]";
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
