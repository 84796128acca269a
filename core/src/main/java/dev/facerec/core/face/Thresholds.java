package dev.facerec.core.face;

/**
 * Cosine-similarity thresholds at named operating points, calibrated on a labelled pair set. Two faces match when
 * their similarity is at or above the threshold.
 *
 * @param standard the threshold at a false match rate of 1e-3 (the default decision)
 * @param strict the threshold at a false match rate of 1e-4 (for high-assurance checks)
 */
public record Thresholds(float standard, float strict) {
    public Thresholds {
        if (!(standard > -1 && standard < 1) || !(strict > -1 && strict < 1)) {
            throw new IllegalArgumentException("thresholds must lie in (-1, 1): " + standard + ", " + strict);
        }
    }

    public float at(OperatingPoint point) {
        return switch (point) {
            case STANDARD -> standard;
            case STRICT -> strict;
        };
    }
}
