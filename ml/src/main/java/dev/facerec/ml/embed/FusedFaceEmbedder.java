package dev.facerec.ml.embed;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.pack.ModelPack;
import java.util.ArrayList;
import java.util.List;

/**
 * A fused recognizer ({@link ModelPack#fused()}): every member embeds the faces with its own alignment and model,
 * then each face's member embeddings, each multiplied by its weight, are concatenated and normalised again. The
 * cosine of two fused embeddings is therefore {@code sum(w_i^2 s_i) / sum(w_i^2)} of the members' cosines {@code
 * s_i}: two models that err on different faces average out part of each other's errors. It costs the members' time
 * together.
 */
public final class FusedFaceEmbedder implements FaceEmbedder {
    private final List<FaceEmbedder> members;
    private final float[] weights;
    private final RecognitionModel model;

    /**
     * @param pack the fused pack
     * @param members an embedder for each of the pack's members, in the pack's order
     */
    public FusedFaceEmbedder(ModelPack pack, List<? extends FaceEmbedder> members) {
        requireNonNull(pack, "pack is null");
        this.members = List.copyOf(requireNonNull(members, "members is null"));
        if (!pack.fused() || pack.members().size() != this.members.size()) {
            throw new IllegalArgumentException("pack " + pack.id() + " needs one embedder per member, got "
                    + this.members.size() + " for " + pack.members());
        }
        this.weights = new float[this.members.size()];
        int size = 0;
        for (int i = 0; i < weights.length; i++) {
            ModelPack.Member member = pack.members().get(i);
            RecognitionModel memberModel = this.members.get(i).model();
            if (!member.pack().equals(memberModel.id())) {
                throw new IllegalArgumentException(
                        "member " + i + " of " + pack.id() + " is " + member.pack() + ", not " + memberModel.id());
            }
            weights[i] = member.weight();
            size += memberModel.embeddingSize();
        }
        if (size != pack.embeddingSize()) {
            throw new IllegalArgumentException(
                    "the members' embeddings add up to " + size + ", not the pack's " + pack.embeddingSize());
        }
        ModelPack.CalibratedThresholds calibrated = pack.thresholds();
        this.model = new RecognitionModel(
                pack.id(), pack.embeddingSize(), calibrated.toThresholds(), calibrated.toSimilarityScale());
    }

    @Override
    public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
        requireNonNull(image, "image is null");
        requireNonNull(faces, "faces is null");
        if (faces.isEmpty()) {
            return List.of();
        }
        List<List<Embedding>> byMember = new ArrayList<>(members.size());
        for (FaceEmbedder member : members) {
            byMember.add(member.embed(image, faces));
        }
        List<Embedding> fused = new ArrayList<>(faces.size());
        for (int face = 0; face < faces.size(); face++) {
            List<Embedding> parts = new ArrayList<>(members.size());
            for (List<Embedding> memberEmbeddings : byMember) {
                parts.add(memberEmbeddings.get(face));
            }
            fused.add(fuse(model.id(), parts, weights));
        }
        return fused;
    }

    /**
     * The fused embedding of one face from its members' embeddings (in the pack's order): each unit vector times its
     * weight, concatenated, normalised. The evaluation tools compose a fused pack's figures from the members' cached
     * embeddings through this same method, so they are those of {@link #embed}.
     */
    public static Embedding fuse(String fusedId, List<Embedding> parts, float[] weights) {
        requireNonNull(fusedId, "fusedId is null");
        if (parts.size() != weights.length) {
            throw new IllegalArgumentException(parts.size() + " embeddings for " + weights.length + " weights");
        }
        int size = parts.stream().mapToInt(Embedding::dimension).sum();
        float[] concatenated = new float[size];
        int offset = 0;
        for (int i = 0; i < weights.length; i++) {
            float[] part = parts.get(i).vector();
            for (int j = 0; j < part.length; j++) {
                concatenated[offset + j] = weights[i] * part[j];
            }
            offset += part.length;
        }
        return Embedding.normalised(concatenated, fusedId);
    }

    /** The members' weights, in the pack's order (a copy). */
    public float[] weights() {
        return weights.clone();
    }

    /** The members' embedders, in the pack's order. */
    public List<FaceEmbedder> members() {
        return members;
    }

    @Override
    public RecognitionModel model() {
        return model;
    }
}
