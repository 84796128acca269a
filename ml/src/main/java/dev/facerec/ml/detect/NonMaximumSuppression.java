package dev.facerec.ml.detect;

import dev.facerec.core.face.DetectedFace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression: keeps the best-scoring box of every cluster of overlapping boxes. */
final class NonMaximumSuppression {
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
                if (face.box().iou(candidate.box()) > iouThreshold) {
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
}
