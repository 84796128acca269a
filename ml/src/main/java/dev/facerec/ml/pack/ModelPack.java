package dev.facerec.ml.pack;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.GenuineScores;
import dev.facerec.core.face.ImpostorTail;
import dev.facerec.core.face.SimilarityScale;
import dev.facerec.core.face.Thresholds;
import java.util.List;

/**
 * A model pack manifest: which ONNX file implements a detector or a recognizer, how to feed it and how to read its
 * output. Built-in manifests ship in this module; operators add packs by dropping a {@code *.pack.json} next to the
 * model files.
 *
 * <p>A fused recognizer has no model file of its own: it names other recognizer packs ({@code members}) with weights,
 * and its embedding is the members' unit embeddings, each multiplied by its weight, concatenated and normalised again
 * (so the cosine of two fused embeddings is {@code sum(w_i^2 s_i) / sum(w_i^2)} of the members' cosines {@code s_i}).
 * It then declares neither {@code file}, {@code sha256}, {@code input} nor {@code outputName}; its {@code
 * embeddingSize} is the sum of the members' (checked by {@link ModelPacks#load}) and it carries its own calibrated
 * thresholds.
 *
 * @param id stable identifier, stored with every embedding the pack makes
 * @param kind detector or recognizer
 * @param file file name inside the models directory ({@code null} for a fused recognizer)
 * @param sha256 expected SHA-256 of the file, lower-case hex; verified before loading ({@code null} when fused)
 * @param input how the model's input is laid out and normalised ({@code null} when fused: each member aligns the face
 *     with its own)
 * @param outputName the recognizer's embedding output (recognizers only; {@code null} when fused)
 * @param embeddingSize length of the embedding (recognizers only, else 0)
 * @param thresholds calibrated cosine thresholds (recognizers only)
 * @param licence the licence as stated by the model's source
 * @param source where an operator obtains the file
 * @param members the recognizer packs a fused recognizer combines, in the order of their parts of its embedding;
 *     empty for a pack with a model file of its own
 */
public record ModelPack(
        String id,
        Kind kind,
        String file,
        String sha256,
        InputSpec input,
        String outputName,
        int embeddingSize,
        CalibratedThresholds thresholds,
        String licence,
        String source,
        List<Member> members) {

    public ModelPack {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        members = members == null ? List.of() : List.copyOf(members);
        if (!members.isEmpty()) {
            if (kind != Kind.RECOGNIZER) {
                throw new ModelPackException(
                        "Model pack " + id + " lists members, but only a recognizer can fuse others");
            }
            if (file != null || sha256 != null || input != null || outputName != null) {
                throw new ModelPackException("Fused recognizer pack " + id + " has no model file of its own: remove"
                        + " file, sha256, input and outputName (each member brings its own)");
            }
            checkMembers(id, members);
            if (embeddingSize <= 0 || thresholds == null) {
                throw new ModelPackException("Fused recognizer pack " + id + " must declare embeddingSize (the sum of"
                        + " its members') and its own calibrated thresholds");
            }
        } else {
            if (file == null || input == null) {
                throw new ModelPackException("Model pack " + id + " must declare its file and input (or, for a fused"
                        + " recognizer, its members)");
            }
            checkFile(id, file, sha256);
            if (kind == Kind.RECOGNIZER && (embeddingSize <= 0 || thresholds == null || outputName == null)) {
                throw new ModelPackException(
                        "Recognizer pack " + id + " must declare outputName, embeddingSize and thresholds");
            }
        }
    }

    private static void checkFile(String id, String file, String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new ModelPackException("Model pack " + id + " must declare the file's SHA-256 as 64 lower-case hex");
        }
        if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw new ModelPackException("Model pack " + id + " names a file outside the models directory: " + file);
        }
    }

    private static void checkMembers(String id, List<Member> members) {
        if (members.size() < 2) {
            throw new ModelPackException("Fused recognizer pack " + id + " must name at least two members");
        }
        if (members.stream().map(Member::pack).distinct().count() != members.size()
                || members.stream().anyMatch(member -> member.pack().equals(id))) {
            throw new ModelPackException(
                    "Fused recognizer pack " + id + " must name distinct members other than itself: " + members);
        }
    }

    /** Whether this is a fused recognizer: its embedding combines other recognizer packs' (see {@link #members}). */
    public boolean fused() {
        return !members.isEmpty();
    }

    /**
     * A member of a fused recognizer.
     *
     * @param pack the member recognizer pack's id
     * @param weight its unit embedding is multiplied by this before concatenation: positive and finite
     */
    public record Member(String pack, float weight) {
        public Member {
            if (pack == null || pack.isBlank()) {
                throw new ModelPackException("a fused pack's member must name a pack");
            }
            if (!(weight > 0) || !Float.isFinite(weight)) {
                throw new ModelPackException("member " + pack + " must have a positive, finite weight, not " + weight);
            }
        }

        @Override
        public String toString() {
            return pack + " x" + weight;
        }
    }

    /** What the pack does. */
    public enum Kind {
        DETECTOR,
        RECOGNIZER
    }

    /**
     * The model input.
     *
     * @param name input tensor name
     * @param channelOrder {@code BGR} or {@code RGB}
     * @param mean subtracted from every 0..255 channel value
     * @param scale the difference is divided by this
     * @param width fixed input width, or 0 when the model takes any width (a multiple of {@code multiple})
     * @param height fixed input height, or 0 when dynamic
     * @param multiple dynamic sizes are padded up to a multiple of this
     * @param dynamicBatch whether the model accepts a batch dimension larger than one
     */
    public record InputSpec(
            String name,
            String channelOrder,
            float mean,
            float scale,
            int width,
            int height,
            int multiple,
            boolean dynamicBatch) {
        public InputSpec {
            requireNonNull(name, "name is null");
            if (!"BGR".equals(channelOrder) && !"RGB".equals(channelOrder)) {
                throw new ModelPackException("channelOrder must be BGR or RGB, got " + channelOrder);
            }
            if (!(scale > 0)) {
                throw new ModelPackException("input scale must be positive");
            }
            if (width < 0 || height < 0 || multiple < 1) {
                throw new ModelPackException("input width/height must be >= 0 and multiple >= 1");
            }
        }

        public boolean bgr() {
            return "BGR".equals(channelOrder);
        }

        public boolean fixedSize() {
            return width > 0 && height > 0;
        }
    }

    /**
     * Cosine thresholds and how they were obtained.
     *
     * @param fmr1e1 cosine at a false match rate of 1e-1 (optional; anchors similarity 0.4 of the pack's similarity
     *     scale, with {@code fmr1e2})
     * @param fmr1e2 cosine at a false match rate of 1e-2 (optional; anchors similarity 0.6)
     * @param fmr1e3 threshold at a false match rate of 1e-3 (the standard operating point)
     * @param fmr1e4 threshold at a false match rate of 1e-4 (the strict operating point)
     * @param fmr1e5 threshold at a false match rate of 1e-5 (optional; sets 1:N thresholds in large galleries)
     * @param calibration the data set and command that produced the figures
     * @param notes free-form remarks
     * @param tail the impostor scores' far tail (optional; sets 1:N thresholds below FMR 1e-5, galleries beyond about
     *     1000 faces)
     * @param genuine the genuine scores' quantiles (optional; the share of true matches a threshold loses)
     */
    public record CalibratedThresholds(
            Float fmr1e1,
            Float fmr1e2,
            float fmr1e3,
            float fmr1e4,
            Float fmr1e5,
            String calibration,
            List<String> notes,
            ImpostorTail tail,
            GenuineScores genuine) {
        public CalibratedThresholds {
            notes = notes == null ? List.of() : List.copyOf(notes);
            if ((fmr1e1 == null) != (fmr1e2 == null)) {
                throw new ModelPackException("thresholds must declare both fmr1e1 and fmr1e2, or neither");
            }
            try {
                similarityScale(fmr1e1, fmr1e2, thresholds(fmr1e3, fmr1e4, fmr1e5, tail, genuine));
            } catch (IllegalArgumentException e) {
                throw new ModelPackException("thresholds are inconsistent: " + e.getMessage(), e);
            }
        }

        /** The core's view; a manifest without an FMR 1e-5 point gets one extrapolated. */
        public Thresholds toThresholds() {
            return thresholds(fmr1e3, fmr1e4, fmr1e5, tail, genuine);
        }

        /**
         * The pack's similarity scale; a manifest without the FMR 1e-1 and 1e-2 points gets them estimated from the
         * 1e-3 and 1e-4 thresholds ({@link SimilarityScale#estimated}).
         */
        public SimilarityScale toSimilarityScale() {
            return similarityScale(fmr1e1, fmr1e2, toThresholds());
        }

        private static Thresholds thresholds(
                float fmr1e3, float fmr1e4, Float fmr1e5, ImpostorTail tail, GenuineScores genuine) {
            if (fmr1e5 == null) {
                if (tail != null) {
                    throw new IllegalArgumentException("a tail needs the calibrated fmr1e5 threshold it continues");
                }
                Thresholds extrapolated = new Thresholds(fmr1e3, fmr1e4);
                return new Thresholds(fmr1e3, fmr1e4, extrapolated.fmr1e5(), null, genuine);
            }
            return new Thresholds(fmr1e3, fmr1e4, fmr1e5, tail, genuine);
        }

        private static SimilarityScale similarityScale(Float fmr1e1, Float fmr1e2, Thresholds thresholds) {
            return fmr1e1 == null
                    ? SimilarityScale.estimated(thresholds)
                    : SimilarityScale.calibrated(fmr1e1, fmr1e2, thresholds);
        }
    }
}
