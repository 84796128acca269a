package dev.facerec.ml.onnx.graph;

import static java.util.Objects.requireNonNull;

/**
 * Load-time rewrites of an ONNX model's bytes that make CPU inference cheaper without changing what the model
 * computes beyond float rounding. The caller verifies the file (SHA-256) first and hands the result to
 * {@code OrtEnvironment.createSession(byte[], SessionOptions)}; nothing is written to disk.
 *
 * <p>Everything the rewrites do not touch (metadata, opsets, unknown fields, weights) is carried over byte for
 * byte. The operators added (Conv, Relu, Add, LeakyRelu) exist unchanged since opset 6, so the model's opset
 * imports stay valid.
 */
public final class OnnxGraphOptimizer {

    private OnnxGraphOptimizer() {}

    /**
     * @param dynamicBatch make a model exported for batch 1 accept {@code [N, ...]} inputs, when its graph allows
     * @param rewritePrelu replace per-channel PRelu by ops ONNX Runtime runs in its NCHWc layout
     * @param flushDenormals set subnormal weights to zero ({@link DenormalFlush})
     */
    public record Options(boolean dynamicBatch, boolean rewritePrelu, boolean flushDenormals) {
        public static Options all() {
            return new Options(true, true, true);
        }
    }

    /**
     * What was changed.
     *
     * @param batch whether the model now takes a dynamic batch, had one already, or could not be given one
     * @param batchNote why a dynamic batch was not possible; empty otherwise
     * @param preluRewritten PRelu nodes replaced
     * @param preluKept PRelu nodes left as they were (slope not a constant per-channel or scalar tensor)
     * @param denormalsFlushed subnormal weights set to zero
     */
    public record Report(Batch batch, String batchNote, int preluRewritten, int preluKept, int denormalsFlushed) {
        public Report {
            requireNonNull(batch, "batch is null");
            requireNonNull(batchNote, "batchNote is null");
        }
    }

    /** The batch dimension after optimisation. */
    public enum Batch {
        NOT_REQUESTED,
        MADE_DYNAMIC,
        ALREADY_DYNAMIC,
        NOT_POSSIBLE
    }

    /** The rewritten model and what was done to it. */
    public record Result(byte[] model, Report report) {
        public Result {
            requireNonNull(model, "model is null");
            requireNonNull(report, "report is null");
        }
    }

    /**
     * Rewrites the model.
     *
     * @throws IllegalArgumentException when the bytes are not a readable ONNX model
     */
    public static Result optimize(byte[] model, Options options) {
        requireNonNull(model, "model is null");
        requireNonNull(options, "options is null");
        OnnxGraph graph = new OnnxGraph(model);
        int prelus = countPrelu(graph);
        int rewritten = options.rewritePrelu() ? new PreluRewrite(graph).apply() : 0;
        Batch batch = Batch.NOT_REQUESTED;
        String note = "";
        if (options.dynamicBatch()) {
            DynamicBatch dynamicBatch = new DynamicBatch(graph);
            batch = switch (dynamicBatch.apply()) {
                case MADE_DYNAMIC -> Batch.MADE_DYNAMIC;
                case ALREADY_DYNAMIC -> Batch.ALREADY_DYNAMIC;
                case NOT_POSSIBLE -> Batch.NOT_POSSIBLE;
            };
            note = dynamicBatch.reason();
        }
        // After the PRelu rewrite, so that the weights it derives from slopes are covered too.
        int flushed = options.flushDenormals() ? new DenormalFlush(graph).apply() : 0;
        boolean changed = rewritten > 0 || batch == Batch.MADE_DYNAMIC || flushed > 0;
        // Unchanged models are handed back as they came, so a pass-through can never alter them.
        byte[] bytes = changed ? graph.toModel() : model;
        return new Result(bytes, new Report(batch, note, rewritten, prelus - rewritten, flushed));
    }

    private static int countPrelu(OnnxGraph graph) {
        return (int) graph.nodes().stream()
                .filter(node -> node.string(OnnxProtos.NODE_OP_TYPE).equals("PRelu"))
                .count();
    }
}
