package dev.facerec.ml.onnx.graph;

import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_DOMAIN;
import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_INPUT;
import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_NAME;
import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_OP_TYPE;
import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_OUTPUT;
import static dev.facerec.ml.onnx.graph.OnnxProtos.dims;
import static dev.facerec.ml.onnx.graph.OnnxProtos.floatAttribute;
import static dev.facerec.ml.onnx.graph.OnnxProtos.floatTensor;
import static dev.facerec.ml.onnx.graph.OnnxProtos.floats;
import static dev.facerec.ml.onnx.graph.OnnxProtos.intAttribute;
import static dev.facerec.ml.onnx.graph.OnnxProtos.intsAttribute;
import static dev.facerec.ml.onnx.graph.OnnxProtos.node;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces PRelu by ops that ONNX Runtime's CPU provider runs in its blocked NCHWc layout. Its own PRelu kernel is
 * a generic broadcasting loop that is not NCHWc-aware, so every PRelu also forces a layout reorder on each side;
 * in MobileFaceNet-style recognizers that is about 60% of the run time.
 *
 * <p>Per-channel slopes use {@code PRelu(x) = s*x + (1-s)*Relu(x)}, with both products as 1x1 depthwise
 * convolutions (group = C) that ORT executes natively in NCHWc and whose sum it fuses into the second
 * convolution. A single shared slope becomes LeakyRelu. Other PRelu nodes (slopes broadcast over spatial axes,
 * unknown rank) stay as they are.
 */
final class PreluRewrite {

    /** How a per-channel PRelu is expressed; kept selectable so the benchmark can compare them. */
    enum Variant {
        /** {@code Add(x, Conv_dw(Relu(Conv_dw(x, -1)), 1 - s))}: x + (1-s)*Relu(-x) is x above 0 and s*x below. */
        RESIDUAL_SPLIT,
        /** {@code Add(Conv_dw(x, s), Conv_dw(Relu(x), 1 - s))}. */
        AFFINE_SPLIT,
        /** {@code Add(Relu(x), Conv_dw(Relu(Conv_dw(x, -1)), -s))}. */
        RELU_SPLIT,
        /** As RELU_SPLIT, with the negation folded into a negated copy of the producing Conv. */
        CONV_PAIR
    }

    private final OnnxGraph graph;
    private final Variant variant;

    PreluRewrite(OnnxGraph graph, Variant variant) {
        this.graph = requireNonNull(graph, "graph is null");
        this.variant = requireNonNull(variant, "variant is null");
    }

    /** Rewrites every eligible PRelu; returns how many. */
    int apply() {
        List<ProtoMessage> rewritten = new ArrayList<>();
        List<String> replacedSlopes = new ArrayList<>();
        int count = 0;
        for (ProtoMessage node : List.copyOf(graph.nodes())) {
            List<ProtoMessage> replacement = isPrelu(node) ? replace(node) : List.of();
            if (replacement.isEmpty()) {
                rewritten.add(node);
            } else {
                rewritten.addAll(replacement);
                replacedSlopes.add(node.strings(NODE_INPUT).get(1));
                count++;
            }
        }
        graph.nodes().clear();
        graph.nodes().addAll(rewritten);
        replacedSlopes.forEach(graph::removeInitializerIfUnused);
        return count;
    }

    private static boolean isPrelu(ProtoMessage node) {
        return node.string(NODE_OP_TYPE).equals("PRelu")
                && node.string(NODE_DOMAIN).isEmpty()
                && node.strings(NODE_INPUT).size() == 2;
    }

    private List<ProtoMessage> replace(ProtoMessage prelu) {
        String x = prelu.strings(NODE_INPUT).get(0);
        String y = prelu.strings(NODE_OUTPUT).get(0);
        String name = prelu.string(NODE_NAME).isEmpty() ? y : prelu.string(NODE_NAME);
        ProtoMessage slopeTensor = graph.initializer(prelu.strings(NODE_INPUT).get(1));
        float[] slope = slopeTensor == null ? null : floats(slopeTensor);
        if (slope == null) {
            return List.of();
        }
        if (slope.length == 1) {
            return List.of(node("LeakyRelu", name, List.of(x), y, floatAttribute("alpha", slope[0])));
        }
        if (!isPerChannel(dims(slopeTensor), slope.length) || channelsOf(x) != slope.length) {
            return List.of();
        }
        return switch (variant) {
            case RESIDUAL_SPLIT -> residualSplit(name, x, y, slope);
            case AFFINE_SPLIT -> affineSplit(name, x, y, slope);
            case RELU_SPLIT -> reluSplit(name, x, y, slope);
            case CONV_PAIR -> convPair(name, x, y, slope);
        };
    }

    private List<ProtoMessage> residualSplit(String name, String x, String y, float[] slope) {
        float[] minusOne = new float[slope.length];
        float[] rest = new float[slope.length];
        for (int c = 0; c < slope.length; c++) {
            minusOne[c] = -1;
            rest[c] = 1 - slope[c];
        }
        String negated = graph.freshName(y + "/negated");
        String negative = graph.freshName(y + "/negative");
        String scaled = graph.freshName(y + "/scaled_negative");
        return List.of(
                scale(name + "/negate", x, negated, minusOne),
                node("Relu", graph.freshName(name + "/relu_negated"), List.of(negated), negative),
                scale(name + "/scale_negative", negative, scaled, rest),
                node("Add", graph.freshName(name + "/add"), List.of(x, scaled), y));
    }

    private List<ProtoMessage> affineSplit(String name, String x, String y, float[] slope) {
        float[] rest = new float[slope.length];
        for (int c = 0; c < slope.length; c++) {
            rest[c] = 1 - slope[c];
        }
        String positive = graph.freshName(y + "/relu");
        String scaled = graph.freshName(y + "/scaled");
        String scaledPositive = graph.freshName(y + "/scaled_relu");
        return List.of(
                node("Relu", graph.freshName(name + "/relu"), List.of(x), positive),
                scale(name + "/scale", x, scaled, slope),
                scale(name + "/scale_relu", positive, scaledPositive, rest),
                node("Add", graph.freshName(name + "/add"), List.of(scaled, scaledPositive), y));
    }

    private List<ProtoMessage> reluSplit(String name, String x, String y, float[] slope) {
        float[] minusOne = new float[slope.length];
        java.util.Arrays.fill(minusOne, -1f);
        String positive = graph.freshName(y + "/relu");
        String negated = graph.freshName(y + "/negated");
        String negative = graph.freshName(y + "/negative");
        List<ProtoMessage> nodes = new ArrayList<>(List.of(
                node("Relu", graph.freshName(name + "/relu"), List.of(x), positive),
                scale(name + "/negate", x, negated, minusOne),
                node("Relu", graph.freshName(name + "/relu_negated"), List.of(negated), negative)));
        nodes.addAll(addScaled(name, positive, negative, y, slope));
        return nodes;
    }

    private List<ProtoMessage> convPair(String name, String x, String y, float[] slope) {
        ProtoMessage producer = graph.producer(x);
        if (producer == null
                || !producer.string(NODE_OP_TYPE).equals("Conv")
                || graph.consumers(x).size() != 1
                || producer.strings(NODE_INPUT).size() != 3) {
            return reluSplit(name, x, y, slope);
        }
        // The producer's output is only read here, so it can be replaced by a Relu'd copy and a negated Relu'd copy.
        String negated = graph.freshName(y + "/negated");
        String positive = graph.freshName(y + "/relu");
        String negative = graph.freshName(y + "/negative");
        ProtoMessage negatedConv = producer.copy();
        negatedConv.set(ProtoMessage.Field.string(NODE_NAME, graph.freshName(name + "/negated_conv")));
        negatedConv.set(ProtoMessage.Field.string(NODE_OUTPUT, negated));
        List<String> inputs = producer.strings(NODE_INPUT);
        negatedConv.fields().removeIf(field -> field.number() == NODE_INPUT);
        negatedConv.fields().add(0, ProtoMessage.Field.string(NODE_INPUT, inputs.get(0)));
        negatedConv.fields().add(1, ProtoMessage.Field.string(NODE_INPUT, negatedInitializer(inputs.get(1))));
        negatedConv.fields().add(2, ProtoMessage.Field.string(NODE_INPUT, negatedInitializer(inputs.get(2))));
        List<ProtoMessage> nodes = new ArrayList<>(List.of(
                negatedConv,
                node("Relu", graph.freshName(name + "/relu"), List.of(x), positive),
                node("Relu", graph.freshName(name + "/relu_negated"), List.of(negated), negative)));
        nodes.addAll(addScaled(name, positive, negative, y, slope));
        return nodes;
    }

    private String negatedInitializer(String source) {
        ProtoMessage tensor = graph.initializer(source);
        float[] values = floats(tensor).clone();
        for (int i = 0; i < values.length; i++) {
            values[i] = -values[i];
        }
        String name = graph.freshName(source + "/negated");
        graph.addInitializer(floatTensor(name, values, dims(tensor)));
        return name;
    }

    /** {@code positive + (-slope) * negative}, the multiply as a depthwise Conv so ORT fuses the Add into it. */
    private List<ProtoMessage> addScaled(String name, String positive, String negative, String y, float[] slope) {
        float[] minusSlope = new float[slope.length];
        for (int c = 0; c < slope.length; c++) {
            minusSlope[c] = -slope[c];
        }
        String scaled = graph.freshName(y + "/scaled_negative");
        return List.of(
                scale(name + "/scale_negative", negative, scaled, minusSlope),
                node("Add", graph.freshName(name + "/add"), List.of(positive, scaled), y));
    }

    /** A per-channel multiply as a 1x1 depthwise convolution without bias. */
    private ProtoMessage scale(String name, String input, String output, float[] factors) {
        String weights = graph.freshName(output + "/weights");
        graph.addInitializer(floatTensor(weights, factors, factors.length, 1, 1, 1));
        return node(
                "Conv",
                graph.freshName(name),
                List.of(input, weights),
                output,
                intAttribute("group", factors.length),
                intsAttribute("kernel_shape", 1, 1));
    }

    private static boolean isPerChannel(long[] dims, int channels) {
        return (dims.length == 3 && dims[0] == channels && dims[1] == 1 && dims[2] == 1)
                || (dims.length == 4 && dims[0] == 1 && dims[1] == channels && dims[2] == 1 && dims[3] == 1);
    }

    /** Channels of a 4-D value produced by a Conv with in-file weights, or -1 when that is not known. */
    private int channelsOf(String value) {
        ProtoMessage producer = graph.producer(value);
        if (producer == null || !producer.string(NODE_OP_TYPE).equals("Conv")) {
            return -1;
        }
        ProtoMessage weights = graph.initializer(producer.strings(NODE_INPUT).get(1));
        long[] shape = weights == null ? new long[0] : dims(weights);
        return shape.length == 4 ? (int) shape[0] : -1;
    }
}
