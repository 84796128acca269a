package dev.facerec.tools.eval;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.align.FaceAligner;
import dev.facerec.ml.embed.OnnxFaceEmbedder;
import dev.facerec.ml.pack.ModelPack;
import dev.facerec.ml.pack.ModelPacks;
import java.util.Optional;

/**
 * Horizontal-flip test-time augmentation, to evaluate it ({@code make eval-identify ARGS=--flip}): a model's
 * embedding of the face's aligned crop mirrored left to right, which {@link #combine} adds to its embedding of the
 * crop itself before normalising again. Each model aligns with its own normalisation, as it does in the service.
 */
final class MirroredFaces {
    private static final int PLANE = FaceAligner.SIZE * FaceAligner.SIZE;

    private final ModelPacks packs;

    MirroredFaces(ModelPacks packs) {
        this.packs = requireNonNull(packs, "packs is null");
    }

    /** The model's unit embedding of the mirrored aligned face. */
    Embedding embed(FaceEmbedder model, DecodedImage image, DetectedFace face) {
        if (!(model instanceof OnnxFaceEmbedder onnx)) {
            throw new IllegalArgumentException("mirroring needs a single model's embedder, not "
                    + model.model().id());
        }
        ModelPack.InputSpec input =
                packs.get(model.model().id(), ModelPack.Kind.RECOGNIZER).input();
        float[] crop = new float[3 * PLANE];
        new FaceAligner(input.mean(), input.scale(), input.bgr()).align(image, face, crop, 0);
        return onnx.embedAligned(mirror(crop), 1).getFirst();
    }

    /** Each row of each plane reversed. */
    static float[] mirror(float[] crop) {
        float[] mirrored = new float[crop.length];
        for (int row = 0; row < crop.length / FaceAligner.SIZE; row++) {
            int start = row * FaceAligner.SIZE;
            for (int x = 0; x < FaceAligner.SIZE; x++) {
                mirrored[start + x] = crop[start + FaceAligner.SIZE - 1 - x];
            }
        }
        return mirrored;
    }

    /** The sum of the two unit embeddings, normalised: the augmented embedding. */
    static Embedding combine(Embedding own, Optional<Embedding> mirrored) {
        if (mirrored == null || mirrored.isEmpty()) {
            throw new IllegalStateException("a face embedded without its mirror image");
        }
        float[] sum = own.vector();
        float[] other = mirrored.get().vector();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other[i];
        }
        return Embedding.normalised(sum, own.modelId());
    }
}
