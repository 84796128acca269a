package dev.facerec.core.quality;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Point;
import java.util.List;

/**
 * Head pose estimated from the five landmarks, good enough to refuse a profile or a lying head, not to measure
 * angles precisely.
 *
 * <p>Roll is the angle of the eye line. Yaw comes from the nose tip's horizontal offset to the eyes' midpoint,
 * measured along the eye line and divided by the inter-eye distance: a frontal face has the nose between the eyes
 * (ratio 0), a head turned far enough to put the nose in line with one eye has ratio 0.5. The ratio is mapped to
 * degrees with {@code atan(2 * ratio)}, so that ratio 0.5 reads as 45 degrees.
 */
record FacePose(float yawDegrees, float rollDegrees) {
    static FacePose of(DetectedFace face) {
        List<Point> points = face.landmarks();
        Point rightEye = points.get(0);
        Point leftEye = points.get(1);
        Point nose = points.get(2);
        double dx = leftEye.x() - rightEye.x();
        double dy = leftEye.y() - rightEye.y();
        double eyeDistance = Math.hypot(dx, dy);
        if (eyeDistance < 1e-3) {
            // Both eyes on one point: a full profile or a broken detection, either way not usable.
            return new FacePose(90, 0);
        }
        double roll = Math.toDegrees(Math.atan2(dy, dx));
        double midX = (rightEye.x() + leftEye.x()) / 2.0;
        double midY = (rightEye.y() + leftEye.y()) / 2.0;
        // Project the nose offset on the eye line, so that a tilted head does not read as turned.
        double along = ((nose.x() - midX) * dx + (nose.y() - midY) * dy) / eyeDistance;
        double yaw = Math.toDegrees(Math.atan(2 * along / eyeDistance));
        return new FacePose((float) yaw, (float) roll);
    }
}
