package dev.facerec.core.quality;

/**
 * The limits a face must meet to be enrolled or searched. Enrollment is stricter than a query: an enrolled face is
 * compared with every later query, so a poor one costs accuracy for as long as it is stored, while a poor query
 * costs only its own answer.
 *
 * @param minFaceSize the shorter side of the face box, in pixels
 * @param minDetectionScore the detector's confidence
 * @param maxYawDegrees the head turn estimated from the nose's offset to the eyes' midpoint ({@link FacePose})
 * @param maxRollDegrees the tilt of the eye line
 * @param minSharpness the variance of a Laplacian over the face crop's grey levels, resampled to a fixed size
 *     ({@link Sharpness})
 */
public record QualityPolicy(
        int minFaceSize, float minDetectionScore, float maxYawDegrees, float maxRollDegrees, float minSharpness) {
    /**
     * Calibrated with the real models on 1,000 random LFW photos (250 x 250, faces 75 to 125 px): 0.4% fail this gate,
     * all for a head turned beyond 50 degrees. The 0.5% tails measured were face size 74 px, score 0.89, |yaw|
     * 49 degrees, |roll| 8 degrees, sharpness 36, so each other limit sits well below what a usable photo has.
     */
    public static final QualityPolicy ENROLLMENT = new QualityPolicy(40, 0.80f, 50, 40, 20);

    /** Looser: anything the recognizer can still embed meaningfully is searched. */
    public static final QualityPolicy QUERY = new QualityPolicy(20, 0.5f, 70, 60, 5);

    public QualityPolicy {
        if (minFaceSize < 1) {
            throw new IllegalArgumentException("minFaceSize must be positive: " + minFaceSize);
        }
        if (!(minDetectionScore >= 0 && minDetectionScore <= 1)) {
            throw new IllegalArgumentException("minDetectionScore must be in [0, 1]: " + minDetectionScore);
        }
        if (!(maxYawDegrees > 0 && maxYawDegrees <= 90) || !(maxRollDegrees > 0 && maxRollDegrees <= 180)) {
            throw new IllegalArgumentException(
                    "pose limits must be positive degrees: " + maxYawDegrees + ", " + maxRollDegrees);
        }
        if (!(minSharpness >= 0)) {
            throw new IllegalArgumentException("minSharpness must be >= 0: " + minSharpness);
        }
    }
}
