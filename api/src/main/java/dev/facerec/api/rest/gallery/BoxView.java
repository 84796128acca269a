package dev.facerec.api.rest.gallery;

import dev.facerec.core.face.BoundingBox;
import org.jspecify.annotations.Nullable;

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

    /** A rate or probability to six decimals: enough for an FPIR of 1e-4 and a confidence of 0.99999. */
    public static double rate(double value) {
        return Math.round(value * 1_000_000) / 1_000_000.0;
    }

    /** {@link #rate} for an optional rate. */
    public static @Nullable Double rate(@Nullable Double value) {
        return value == null ? null : rate(value.doubleValue());
    }
}
