package dev.facerec.core.face;

import static java.util.Objects.requireNonNull;

/**
 * A face embedding, L2-normalised, tagged with the recognition model that produced it. Embeddings from different
 * models live in different spaces and are never compared.
 */
public final class Embedding {
    private final float[] vector;
    private final String modelId;

    private Embedding(float[] vector, String modelId) {
        this.vector = vector;
        this.modelId = modelId;
    }

    /** Normalises {@code raw} to unit length (a copy; the argument is not modified). */
    public static Embedding normalised(float[] raw, String modelId) {
        requireNonNull(raw, "raw is null");
        requireNonNull(modelId, "modelId is null");
        double sum = 0;
        for (float v : raw) {
            sum += (double) v * v;
        }
        if (!(sum > 0) || !Double.isFinite(sum)) {
            throw new IllegalArgumentException("embedding has no direction (zero or non-finite norm)");
        }
        float scale = (float) (1.0 / Math.sqrt(sum));
        float[] unit = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            unit[i] = raw[i] * scale;
        }
        return new Embedding(unit, modelId);
    }

    /**
     * Restores a stored embedding exactly as it was saved (no re-normalisation, so a round trip through storage is
     * bit-exact). The vector must already be of unit length.
     *
     * @throws IllegalArgumentException if the length is off by more than float rounding allows
     */
    public static Embedding ofUnitVector(float[] unit, String modelId) {
        requireNonNull(unit, "unit is null");
        requireNonNull(modelId, "modelId is null");
        double sum = 0;
        for (float v : unit) {
            sum += (double) v * v;
        }
        if (!(Math.abs(sum - 1) < 1e-4)) {
            throw new IllegalArgumentException("a stored embedding must have unit length, got squared norm " + sum);
        }
        return new Embedding(unit.clone(), modelId);
    }

    public String modelId() {
        return modelId;
    }

    public int dimension() {
        return vector.length;
    }

    /** A copy of the unit vector. */
    public float[] vector() {
        return vector.clone();
    }

    /**
     * Cosine similarity in [-1, 1].
     *
     * @throws IllegalArgumentException if the other embedding comes from another model
     */
    public float similarity(Embedding other) {
        if (!modelId.equals(other.modelId) || vector.length != other.vector.length) {
            throw new IllegalArgumentException(
                    "embeddings of model " + modelId + " and " + other.modelId + " cannot be compared");
        }
        double dot = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += vector[i] * other.vector[i];
        }
        return (float) Math.max(-1, Math.min(1, dot));
    }

    @Override
    public String toString() {
        // Never print the vector: embeddings are biometric data.
        return "Embedding[model=" + modelId + ", dimension=" + vector.length + "]";
    }
}
