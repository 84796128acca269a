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
 * <p>Per-channel slopes use {@code PRelu(x) = x + (1-s)*Relu(-x)} (x above zero, s*x below), with the negation
 * and the scaling as 1x1 depthwise convolutions (group = C). ORT fuses the Relu into the first and the Add into
 * the second, so a PRelu becomes two cheap NCHWc convolutions and no reorders. Of four forms measured this was
 * the fastest; the others kept a standalone Relu or duplicated the producing Conv (see the commit history of
 * this file). A single shared slope becomes LeakyRelu. Other PRelu nodes (slopes broadcast over spatial axes,
 * inputs not known to be 4-D) stay as they are. The one difference beyond rounding: an activation of minus
 * infinity gives NaN instead of an infinity, where the embedding is meaningless anyway.
 */
final class PreluRewrite {

    private final OnnxGraph graph;

    PreluRewrite(OnnxGraph graph) {
        this.graph = requireNonNull(graph, "graph is null");
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
        long[] slopeShape = dims(slopeTensor);
        // A shared slope of rank above 1 could raise the output's rank by broadcasting unless the input is 4-D.
        if (slope.length == 1 && (slopeShape.length <= 1 || (slopeShape.length <= 4 && channelsOf(x) > 0))) {
            return List.of(node("LeakyRelu", name, List.of(x), y, floatAttribute("alpha", slope[0])));
        }
        if (!isPerChannel(slopeShape, slope.length) || channelsOf(x) != slope.length) {
            return List.of();
        }
        return residualSplit(name, x, y, slope);
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
