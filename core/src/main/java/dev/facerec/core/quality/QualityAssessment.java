package dev.facerec.core.quality;

/**
 * What the quality gate measured on one face.
 *
 * @param faceSize the shorter side of the face box, in pixels
 * @param detectionScore the detector's confidence
 * @param yawDegrees estimated head turn, signed
 * @param rollDegrees tilt of the eye line, signed
 * @param sharpness variance of the Laplacian of the resampled grey face crop
 * @param score the combined quality in [0, 1] stored with an enrolled face, see {@link QualityGate}
 */
public record QualityAssessment(
        float faceSize, float detectionScore, float yawDegrees, float rollDegrees, float sharpness, float score) {}
