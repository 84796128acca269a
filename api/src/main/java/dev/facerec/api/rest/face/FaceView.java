package dev.facerec.api.rest.face;

import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Point;
import java.util.List;

/**
 * A detected face as clients see it. Coordinates are pixels of the upright image, rounded to one decimal; the score
 * is rounded to four.
 *
 * @param landmarks five {@code [x, y]} pairs: right eye, left eye, nose tip, right and left mouth corner of the
 *     subject
 */
public record FaceView(Box box, List<double[]> landmarks, double score) {
    /** The face box; {@code x, y} is its top-left corner. */
    public record Box(double x, double y, double width, double height) {
        static Box of(BoundingBox box) {
            return new Box(pixel(box.x()), pixel(box.y()), pixel(box.width()), pixel(box.height()));
        }
    }

    static FaceView of(DetectedFace face) {
        return new FaceView(
                Box.of(face.box()),
                face.landmarks().stream().map(FaceView::pair).toList(),
                round(face.score(), 10_000));
    }

    private static double[] pair(Point point) {
        return new double[] {pixel(point.x()), pixel(point.y())};
    }

    static double pixel(float value) {
        return round(value, 10);
    }

    static double round(float value, int scale) {
        return Math.round((double) value * scale) / (double) scale;
    }
}
