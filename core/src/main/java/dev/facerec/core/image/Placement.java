package dev.facerec.core.image;

/**
 * Where a {@link DecodedImage}'s pixels lie in the upright, full-resolution picture they were decoded from (the
 * <em>source</em>): pixel column {@code px} covers source x from {@code left + px / scale} to {@code left + (px + 1) /
 * scale}, and likewise for rows. Face coordinates everywhere in the service are source coordinates, so a photo decoded
 * at a reduced scale (a JPEG's DCT scaling) reports the same boxes as one decoded in full.
 *
 * @param sourceWidth width of the whole upright picture, in source pixels
 * @param sourceHeight height of the whole upright picture, in source pixels
 * @param left source x of the pixels' left edge: 0 for a whole picture, unless a reduced decode's partial last
 *     block came first after orientation (then it lies up to one block left of 0); more for a region
 * @param top source y of the pixels' top edge, likewise
 * @param scale pixels per source pixel, in (0, 1]; 1 for a full decode
 */
public record Placement(int sourceWidth, int sourceHeight, float left, float top, float scale) {
    public Placement {
        if (sourceWidth <= 0 || sourceHeight <= 0) {
            throw new IllegalArgumentException("source size must be positive: " + sourceWidth + " x " + sourceHeight);
        }
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("scale must lie in (0, 1]: " + scale);
        }
        if (!(left > -1 / scale - 1 && left < sourceWidth && top > -1 / scale - 1 && top < sourceHeight)) {
            throw new IllegalArgumentException("origin outside the source: " + left + ", " + top);
        }
    }

    /** A full-resolution decode of the whole picture. */
    public static Placement whole(int width, int height) {
        return new Placement(width, height, 0, 0, 1);
    }

    /** The whole picture decoded at {@code scale}. */
    public static Placement scaled(int sourceWidth, int sourceHeight, float scale) {
        return new Placement(sourceWidth, sourceHeight, 0, 0, scale);
    }

    public float toPixelX(float sourceX) {
        return (sourceX - left) * scale;
    }

    public float toPixelY(float sourceY) {
        return (sourceY - top) * scale;
    }

    public float toSourceX(float pixelX) {
        return left + pixelX / scale;
    }

    public float toSourceY(float pixelY) {
        return top + pixelY / scale;
    }
}
