package dev.facerec.ml.onnx.graph;

import static dev.facerec.ml.onnx.graph.OnnxProtos.GRAPH_INITIALIZER;
import static dev.facerec.ml.onnx.graph.OnnxProtos.GRAPH_INPUT;
import static dev.facerec.ml.onnx.graph.OnnxProtos.GRAPH_NODE;
import static dev.facerec.ml.onnx.graph.OnnxProtos.MODEL_GRAPH;
import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_INPUT;
import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_NAME;
import static dev.facerec.ml.onnx.graph.OnnxProtos.NODE_OUTPUT;
import static dev.facerec.ml.onnx.graph.OnnxProtos.TENSOR_NAME;
import static java.util.Objects.requireNonNull;

import dev.facerec.ml.onnx.graph.ProtoMessage.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The main graph of a ModelProto, opened for editing. Nodes and initializers are decoded once; {@link #toModel}
 * writes them back in place of the originals, so the order of the other graph fields is kept.
 */
final class OnnxGraph {
    private final ProtoMessage model;
    private final ProtoMessage graph;
    private final List<ProtoMessage> nodes;
    private final Map<String, ProtoMessage> initializers = new HashMap<>();
    private final List<ProtoMessage> addedInitializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    OnnxGraph(byte[] modelBytes) {
        this.model = ProtoMessage.parse(requireNonNull(modelBytes, "modelBytes is null"));
        Field graphField = model.last(MODEL_GRAPH);
        if (graphField == null) {
            throw new IllegalArgumentException("not an ONNX model: no graph");
        }
        this.graph = graphField.asMessage();
        this.nodes = new ArrayList<>(graph.messages(GRAPH_NODE));
        for (ProtoMessage tensor : graph.messages(GRAPH_INITIALIZER)) {
            initializers.put(tensor.string(TENSOR_NAME), tensor);
            names.add(tensor.string(TENSOR_NAME));
        }
        for (ProtoMessage value : graph.messages(GRAPH_INPUT)) {
            names.add(value.string(OnnxProtos.VALUE_INFO_NAME));
        }
        for (ProtoMessage node : nodes) {
            names.add(node.string(NODE_NAME));
            names.addAll(node.strings(NODE_INPUT));
            names.addAll(node.strings(NODE_OUTPUT));
        }
    }

    ProtoMessage model() {
        return model;
    }

    ProtoMessage graph() {
        return graph;
    }

    /** The live node list in topological order; rewrites replace entries in place. */
    List<ProtoMessage> nodes() {
        return nodes;
    }

    ProtoMessage initializer(String name) {
        return initializers.get(name);
    }

    void addInitializer(ProtoMessage tensor) {
        if (initializers.putIfAbsent(tensor.string(TENSOR_NAME), tensor) != null) {
            throw new IllegalArgumentException("initializer exists: " + tensor.string(TENSOR_NAME));
        }
        addedInitializers.add(tensor);
    }

    /** The initializers now in the graph, those rewrites added included. */
    List<ProtoMessage> initializers() {
        return List.copyOf(initializers.values());
    }

    void replaceInitializer(ProtoMessage tensor) {
        String name = tensor.string(TENSOR_NAME);
        if (initializers.replace(name, tensor) == null) {
            throw new IllegalArgumentException("no initializer " + name);
        }
        addedInitializers.replaceAll(added -> added.string(TENSOR_NAME).equals(name) ? tensor : added);
    }

    /**
     * Drops an initializer that no node reads any more, so ORT does not warn about it at every load. One that is
     * also declared as a graph input (IR version 3 models) stays: callers may feed it.
     */
    void removeInitializerIfUnused(String name) {
        boolean declaredInput = graph.messages(GRAPH_INPUT).stream()
                .anyMatch(input -> input.string(OnnxProtos.VALUE_INFO_NAME).equals(name));
        if (!declaredInput && consumers(name).isEmpty() && initializers.containsKey(name)) {
            initializers.remove(name);
            addedInitializers.removeIf(tensor -> tensor.string(TENSOR_NAME).equals(name));
        }
    }

    /** Nodes that read the given value. */
    List<ProtoMessage> consumers(String value) {
        return nodes.stream()
                .filter(node -> node.strings(NODE_INPUT).contains(value))
                .toList();
    }

    ProtoMessage producer(String value) {
        return nodes.stream()
                .filter(node -> node.strings(NODE_OUTPUT).contains(value))
                .findFirst()
                .orElse(null);
    }

    /** A node, value or initializer name not yet used in the graph, derived from {@code base}. */
    String freshName(String base) {
        String candidate = base;
        for (int i = 1; !names.add(candidate); i++) {
            candidate = base + "_" + i;
        }
        return candidate;
    }

    byte[] toModel() {
        ProtoMessage rebuilt = new ProtoMessage();
        boolean nodesWritten = false;
        for (Field field : graph.fields()) {
            if (field.number() == GRAPH_NODE) {
                if (!nodesWritten) {
                    nodes.forEach(node -> rebuilt.add(Field.message(GRAPH_NODE, node)));
                    nodesWritten = true;
                }
            } else if (field.number() == GRAPH_INITIALIZER) {
                ProtoMessage current = initializers.get(field.asMessage().string(TENSOR_NAME));
                if (current != null) {
                    rebuilt.add(Field.message(GRAPH_INITIALIZER, current));
                }
            } else {
                rebuilt.add(field);
            }
        }
        if (!nodesWritten) {
            nodes.forEach(node -> rebuilt.add(Field.message(GRAPH_NODE, node)));
        }
        addedInitializers.forEach(tensor -> rebuilt.add(Field.message(GRAPH_INITIALIZER, tensor)));
        ProtoMessage rebuiltModel = model.copy();
        rebuiltModel.set(Field.message(MODEL_GRAPH, rebuilt));
        return rebuiltModel.toByteArray();
    }
}
