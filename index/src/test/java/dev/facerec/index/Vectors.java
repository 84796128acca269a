package dev.facerec.index;

import dev.facerec.core.face.Embedding;
import java.util.Random;

/** Random test embeddings: directions uniform on the sphere, or a centre plus noise as faces of one person are. */
final class Vectors {
    private Vectors() {}

    static float[] gaussian(Random random, int dimension) {
        float[] raw = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            raw[i] = (float) random.nextGaussian();
        }
        return raw;
    }

    static Embedding random(Random random, int dimension, String model) {
        return Embedding.normalised(gaussian(random, dimension), model);
    }

    /** A face near {@code centre}: noise of {@code spread} times the centre's per-component size. */
    static Embedding near(Embedding centre, Random random, double spread) {
        float[] vector = centre.vector();
        double componentSize = 1 / Math.sqrt(vector.length);
        for (int i = 0; i < vector.length; i++) {
            vector[i] += (float) (random.nextGaussian() * spread * componentSize);
        }
        return Embedding.normalised(vector, centre.modelId());
    }
}
