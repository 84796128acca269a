package dev.facerec.ml.onnx.graph;

import static dev.facerec.ml.onnx.graph.OnnxProtos.ATTRIBUTE_I;
import static dev.facerec.ml.onnx.graph.OnnxProtos.ATTRIBUTE_NAME;
import static dev.facerec.ml.onnx.graph.OnnxProtos.DIM_PARAM;
import static dev.facerec.ml.onnx.graph.OnnxProtos.DIM_VALUE;
import static dev.facerec.ml.onnx.graph.OnnxProtos.GRAPH_INPUT;
import static dev.facerec.ml.onnx.graph.OnnxProtos.GRAPH_OUTPUT;
import static dev.facerec.ml.onnx.graph.OnnxProtos.GRAPH_VALUE_INFO;
import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_ATTRIBUTE;
import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_DOMAIN;
import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_INPUT;
import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_OP_TYPE;
import static dev.facerec.ml.onnx.graph.OnnxProtos.SHAPE_DIM;
import static dev.facerec.ml.onnx.graph.OnnxProtos.TENSOR_TYPE_SHAPE;
import static dev.facerec.ml.onnx.graph.OnnxProtos.TYPE_TENSOR;
import static dev.facerec.ml.onnx.graph.OnnxProtos.VALUE_INFO_NAME;
import static dev.facerec.ml.onnx.graph.OnnxProtos.VALUE_INFO_TYPE;
import static dev.facerec.ml.onnx.graph.OnnxProtos.int64Tensor;
import static dev.facerec.ml.onnx.graph.OnnxProtos.longs;
import static java.util.Objects.requireNonNull;

import dev.facerec.ml.onnx.graph.ProtoMessage.Field;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;

/**
 * Turns a model exported for batch 1 into one that accepts any batch: the first dimension of its inputs and
 * outputs becomes the symbol {@value #BATCH}, and Reshape targets that spell out the batch as 1 copy it from
 * their input instead (0 in a Reshape shape means "keep this dimension").
 *
 * <p>It only does so when every node is known to treat the first axis as an independent batch axis; any other
 * operator (Shape, Gather, Transpose, ...) could mix faces or bake in the size, so the model is left alone.
 */
final class DynamicBatch {
    static final String BATCH = "batch";

    /** Operators that compute each batch element independently whatever their attributes. */
    private static final Set<String> BATCH_INDEPENDENT = Set.of(
            "Conv",
            "PRelu",
            "Relu",
            "LeakyRelu",
            "Sigmoid",
            "Tanh",
            "Clip",
            "HardSigmoid",
            "Add",
            "Sub",
            "Mul",
            "Div",
            "Max",
            "Min",
            "BatchNormalization",
            "MaxPool",
            "AveragePool",
            "GlobalAveragePool",
            "GlobalMaxPool",
            "Identity",
            "Dropout");

    /** What happened, for the report. */
    enum Outcome {
        MADE_DYNAMIC,
        ALREADY_DYNAMIC,
        NOT_POSSIBLE
    }

    private final OnnxGraph graph;
    private String reason = "";

    DynamicBatch(OnnxGraph graph) {
        this.graph = requireNonNull(graph, "graph is null");
    }

    /** Why the model was left alone, when {@link #apply} said {@link Outcome#NOT_POSSIBLE}. */
    String reason() {
        return reason;
    }

    Outcome apply() {
        List<Field> boundary = graph.graph().fields().stream()
                .filter(field -> field.number() == GRAPH_INPUT || field.number() == GRAPH_OUTPUT)
                .filter(field -> graph.initializer(field.asMessage().string(VALUE_INFO_NAME)) == null)
                .toList();
        if (boundary.stream().noneMatch(field -> isFixedOne(firstDim(field.asMessage())))) {
            return Outcome.ALREADY_DYNAMIC;
        }
        for (ProtoMessage node : graph.nodes()) {
            String blocker = blocker(node);
            if (blocker != null) {
                reason = blocker;
                return Outcome.NOT_POSSIBLE;
            }
        }
        List<ProtoMessage> reshapes = graph.nodes().stream()
                .filter(node -> node.string(NODE_OP_TYPE).equals("Reshape"))
                .filter(node -> !isConstant(node.strings(NODE_INPUT).getFirst()))
                .toList();
        reshapes.forEach(this::copyBatchInReshape);
        rewriteInterface();
        return Outcome.MADE_DYNAMIC;
    }

    /** Why this node may depend on the batch being 1, or null when it keeps batch elements apart. */
    private String blocker(ProtoMessage node) {
        String op = node.string(NODE_OP_TYPE);
        List<String> inputs = node.strings(NODE_INPUT);
        if (!node.string(NODE_DOMAIN).isEmpty() && !node.string(NODE_DOMAIN).equals("ai.onnx")) {
            return "custom-domain operator " + op;
        }
        return switch (op) {
            case "Reshape" ->
                isConstant(inputs.getFirst()) || canRewriteReshape(node)
                        ? null
                        : "Reshape " + inputs + " does not keep the batch axis";
            case "Flatten" -> intAttribute(node, "axis", 1) >= 1 ? null : "Flatten over the batch axis";
            // The batch must be the rows of the first operand, not of a weight.
            case "Gemm", "MatMul" ->
                !isConstant(inputs.getFirst()) && intAttribute(node, "transA", 0) == 0
                        ? null
                        : op + " with the batch outside the rows of its first operand";
            default ->
                BATCH_INDEPENDENT.contains(op) ? null : "operator " + op + " is not known to keep batch elements apart";
        };
    }

    private boolean isConstant(String value) {
        return graph.initializer(value) != null;
    }

    /** The target shape must be a constant whose first entry is the batch: 1 (as exported), 0 or -1. */
    private boolean canRewriteReshape(ProtoMessage reshape) {
        List<String> inputs = reshape.strings(NODE_INPUT);
        ProtoMessage shapeTensor = inputs.size() == 2 ? graph.initializer(inputs.get(1)) : null;
        long[] shape = shapeTensor == null ? null : longs(shapeTensor);
        return shape != null
                && shape.length >= 1
                && intAttribute(reshape, "allowzero", 0) == 0
                && (shape[0] == 1 || shape[0] == 0 || (shape[0] == -1 && countOf(shape, -1) == 1));
    }

    private void copyBatchInReshape(ProtoMessage reshape) {
        List<String> inputs = reshape.strings(NODE_INPUT);
        long[] shape = longs(graph.initializer(inputs.get(1))).clone();
        if (shape[0] != 1) {
            return;
        }
        shape[0] = 0;
        // A fresh initializer: the original may be shared with nodes that must keep it.
        String name = graph.freshName(inputs.get(1) + "/batch");
        graph.addInitializer(int64Tensor(name, shape));
        reshape.fields()
                .replaceAll(field ->
                        field.number() == NODE_INPUT && field.asString().equals(inputs.get(1))
                                ? Field.string(NODE_INPUT, name)
                                : field);
        graph.removeInitializerIfUnused(inputs.get(1));
    }

    private void rewriteInterface() {
        ListIterator<Field> fields = graph.graph().fields().listIterator();
        while (fields.hasNext()) {
            Field field = fields.next();
            boolean isInterface = field.number() == GRAPH_INPUT || field.number() == GRAPH_OUTPUT;
            ProtoMessage valueInfo = isInterface || field.number() == GRAPH_VALUE_INFO ? field.asMessage() : null;
            if (valueInfo == null
                    || graph.initializer(valueInfo.string(VALUE_INFO_NAME)) != null
                    || !isFixedOne(firstDim(valueInfo))) {
                continue;
            }
            if (isInterface) {
                fields.set(Field.message(field.number(), withBatchParameter(valueInfo)));
            } else {
                // Intermediate shape hints that pin the batch would contradict the new inputs; ORT re-infers them.
                fields.remove();
            }
        }
    }

    private static ProtoMessage withBatchParameter(ProtoMessage valueInfo) {
        ProtoMessage type = valueInfo.last(VALUE_INFO_TYPE).asMessage();
        ProtoMessage tensorType = type.last(TYPE_TENSOR).asMessage();
        ProtoMessage shape = tensorType.last(TENSOR_TYPE_SHAPE).asMessage();
        List<Field> dims = shape.fields();
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i).number() == SHAPE_DIM) {
                dims.set(i, Field.message(SHAPE_DIM, new ProtoMessage().add(Field.string(DIM_PARAM, BATCH))));
                break;
            }
        }
        tensorType.set(Field.message(TENSOR_TYPE_SHAPE, shape));
        type.set(Field.message(TYPE_TENSOR, tensorType));
        ProtoMessage result = valueInfo.copy();
        result.set(Field.message(VALUE_INFO_TYPE, type));
        return result;
    }

    /** The first Dimension message of a tensor ValueInfoProto, or null when it has no known shape. */
    private static ProtoMessage firstDim(ProtoMessage valueInfo) {
        Field type = valueInfo.last(VALUE_INFO_TYPE);
        Field tensorType = type == null ? null : type.asMessage().last(TYPE_TENSOR);
        Field shape = tensorType == null ? null : tensorType.asMessage().last(TENSOR_TYPE_SHAPE);
        List<Field> dims = shape == null ? List.of() : shape.asMessage().all(SHAPE_DIM);
        return dims.isEmpty() ? null : dims.getFirst().asMessage();
    }

    private static boolean isFixedOne(ProtoMessage dim) {
        return dim != null && dim.last(DIM_VALUE) != null && dim.varint(DIM_VALUE) == 1;
    }

    private static long intAttribute(ProtoMessage node, String name, long fallback) {
        return node.messages(NODE_ATTRIBUTE).stream()
                .filter(attribute -> attribute.string(ATTRIBUTE_NAME).equals(name))
                .mapToLong(attribute -> attribute.varint(ATTRIBUTE_I))
                .findFirst()
                .orElse(fallback);
    }

    private static long countOf(long[] values, long wanted) {
        return java.util.Arrays.stream(values).filter(value -> value == wanted).count();
    }
}
