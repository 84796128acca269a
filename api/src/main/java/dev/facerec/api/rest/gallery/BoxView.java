package dev.facerec.api.rest.gallery;

import dev.facerec.core.face.BoundingBox;

/** A face box as clients see it, in pixels of the upright image rounded to one decimal. */
public record BoxView(double x, double y, double width, double height) {
    public static BoxView of(BoundingBox box) {
        return new BoxView(pixel(box.x()), pixel(box.y()), pixel(box.width()), pixel(box.height()));
    }

    private static double pixel(float value) {
        return Math.round((double) value * 10) / 10.0;
    }

    /** A similarity or score rounded to four decimals, the precision a client can act on. */
    public static double score(float value) {
        return Math.round((double) value * 10_000) / 10_000.0;
    }
}
