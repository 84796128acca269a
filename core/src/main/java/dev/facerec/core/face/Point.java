package dev.facerec.core.face;

/** A position in image pixel coordinates, origin at the top-left corner. */
public record Point(float x, float y) {
    public Point {
        if (!Float.isFinite(x) || !Float.isFinite(y)) {
            throw new IllegalArgumentException("point coordinates must be finite: " + x + ", " + y);
        }
    }
}
