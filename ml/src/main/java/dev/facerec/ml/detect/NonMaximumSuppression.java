package dev.facerec.ml.detect;

import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression: keeps the best-scoring box of every cluster of overlapping boxes. A box lying
 * almost entirely inside a better one is suppressed too, whatever its IoU: a face does not contain another face, and
 * multi-scale passes produce such nested partial-face boxes for large faces.
 */
final class NonMaximumSuppression {
    private static final float NESTED_SHARE = 0.85f;

    private NonMaximumSuppression() {}

    static List<DetectedFace> apply(List<DetectedFace> candidates, float iouThreshold, int limit) {
        List<DetectedFace> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        List<DetectedFace> kept = new ArrayList<>();
        for (DetectedFace candidate : sorted) {
            if (kept.size() == limit) {
                break;
            }
            boolean overlaps = false;
            for (DetectedFace face : kept) {
                if (face.box().iou(candidate.box()) > iouThreshold || nested(face.box(), candidate.box())) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    private static boolean nested(BoundingBox a, BoundingBox b) {
        float width = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        float height = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
        float smaller = Math.min(a.area(), b.area());
        return width > 0 && height > 0 && smaller > 0 && width * height / smaller > NESTED_SHARE;
    }
}
