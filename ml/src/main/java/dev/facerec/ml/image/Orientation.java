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
}
