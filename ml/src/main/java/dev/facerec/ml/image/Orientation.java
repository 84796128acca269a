package dev.facerec.ml.image;

import dev.facerec.core.image.DecodedImage;

/**
 * Applies an EXIF orientation to BGR pixels so that they come out upright. Each source row maps to a straight line
 * of target pixels (a row, reversed row or column), so a row costs one start position and one stride, with no
 * per-pixel geometry and no AWT transform.
 */
final class Orientation {
    private Orientation() {}

    /**
     * @param orientation EXIF value: 1 upright, 2 mirrored, 3 rotated 180, 4 flipped, 5 transposed, 6 needs 90
     *     degrees clockwise, 7 transversed, 8 needs 90 degrees counter-clockwise; other values leave the image as is
     */
    static DecodedImage upright(DecodedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int width = image.width();
        int height = image.height();
        int targetWidth = orientation >= 5 ? height : width;
        byte[] source = image.bgr();
        byte[] target = new byte[source.length];
        int sourceIndex = 0;
        for (int y = 0; y < height; y++) {
            int start = targetIndex(orientation, 0, y, width, height, targetWidth);
            int step = width > 1 ? targetIndex(orientation, 1, y, width, height, targetWidth) - start : 0;
            for (int x = 0, targetPixel = start; x < width; x++, targetPixel += step, sourceIndex += 3) {
                target[targetPixel] = source[sourceIndex];
                target[targetPixel + 1] = source[sourceIndex + 1];
                target[targetPixel + 2] = source[sourceIndex + 2];
            }
        }
        int targetHeight = orientation >= 5 ? width : height;
        return new DecodedImage(targetWidth, targetHeight, target, image.format());
    }

    /** Where stored pixel (x, y) belongs in the upright image, as an index into its BGR array. */
    private static int targetIndex(int orientation, int x, int y, int width, int height, int targetWidth) {
        int targetX = switch (orientation) {
            case 2, 3 -> width - 1 - x;
            case 5, 8 -> y;
            case 6, 7 -> height - 1 - y;
            default -> x;
        };
        int targetY = switch (orientation) {
            case 3, 4 -> height - 1 - y;
            case 5, 6 -> x;
            case 7, 8 -> width - 1 - x;
            default -> y;
        };
        return (targetY * targetWidth + targetX) * 3;
    }

    /**
     * Where a stored rectangle {@code [x0, x1) x [y0, y1)} of a {@code width x height} stored image lies once the
     * image is upright: {@code {left, top, right, bottom}}.
     */
    static int[] uprightRectangle(int orientation, int width, int height, int x0, int y0, int x1, int y1) {
        return switch (orientation) {
            case 2 -> new int[] {width - x1, y0, width - x0, y1};
            case 3 -> new int[] {width - x1, height - y1, width - x0, height - y0};
            case 4 -> new int[] {x0, height - y1, x1, height - y0};
            case 5 -> new int[] {y0, x0, y1, x1};
            case 6 -> new int[] {height - y1, x0, height - y0, x1};
            case 7 -> new int[] {height - y1, width - x1, height - y0, width - x0};
            case 8 -> new int[] {y0, width - x1, y1, width - x0};
            default -> new int[] {x0, y0, x1, y1};
        };
    }

    /**
     * The stored rectangle of a {@code width x height} stored image (sizes before orientation) that becomes the
     * upright rectangle {@code [u0, u1) x [v0, v1)}: {@code {left, top, right, bottom}}; the inverse of {@link
     * #uprightRectangle}.
     */
    static int[] storedRectangle(int orientation, int width, int height, int u0, int v0, int u1, int v1) {
        return switch (orientation) {
            case 2 -> new int[] {width - u1, v0, width - u0, v1};
            case 3 -> new int[] {width - u1, height - v1, width - u0, height - v0};
            case 4 -> new int[] {u0, height - v1, u1, height - v0};
            case 5 -> new int[] {v0, u0, v1, u1};
            case 6 -> new int[] {v0, height - u1, v1, height - u0};
            case 7 -> new int[] {width - v1, height - u1, width - v0, height - u0};
            case 8 -> new int[] {width - v1, u0, width - v0, u1};
            default -> new int[] {u0, v0, u1, v1};
        };
    }
}
