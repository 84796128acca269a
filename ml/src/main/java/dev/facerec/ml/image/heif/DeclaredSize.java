package dev.facerec.ml.image.heif;

import dev.facerec.ml.image.heif.HeifException.Kind;

/** The primary image's stored size from its {@code ispe} box, checked against the pixel limit. */
record DeclaredSize(int width, int height) {
    /** @throws HeifException {@link Kind#NO_PIXELS} for a missing or empty size, {@link Kind#TOO_LARGE} past the limit */
    static DeclaredSize of(HeifFile file, long maxPixels) {
        int width = file.declaredWidth();
        int height = file.declaredHeight();
        if (width < 1 || height < 1) {
            throw new HeifException(Kind.NO_PIXELS, "ispe declares " + width + " x " + height, width, height);
        }
        DeclaredSize size = new DeclaredSize(width, height);
        if (size.pixels() > maxPixels) {
            throw new HeifException(Kind.TOO_LARGE, "ispe declares " + width + " x " + height, width, height);
        }
        return size;
    }

    long pixels() {
        return (long) width * height;
    }

    int longestSide() {
        return Math.max(width, height);
    }

    /**
     * The decoded image may be rotated (width and height swapped) or cropped, never larger than declared: a codec that
     * produced more than the header admitted was fed a file whose parts disagree.
     */
    void checkDecoded(int decodedWidth, int decodedHeight, long maxPixels) {
        if (decodedWidth < 1 || decodedHeight < 1) {
            throw new HeifException(
                    Kind.NO_PIXELS, "decoded to " + decodedWidth + " x " + decodedHeight, decodedWidth, decodedHeight);
        }
        long decoded = (long) decodedWidth * decodedHeight;
        if (decoded > maxPixels) {
            throw new HeifException(
                    Kind.TOO_LARGE, "decoded to " + decodedWidth + " x " + decodedHeight, decodedWidth, decodedHeight);
        }
        if (decoded > pixels()) {
            throw new HeifException(
                    Kind.DAMAGED,
                    "decoded to " + decodedWidth + " x " + decodedHeight + ", more than the declared " + width + " x "
                            + height);
        }
    }
}
