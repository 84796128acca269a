package dev.facerec.ml.onnx.graph;

import dev.facerec.ml.onnx.graph.ProtoMessage.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Field numbers from onnx.proto and builders for the few messages the rewrites create. */
final class OnnxProtos {
    // ModelProto
    static final int MODEL_GRAPH = 7;
    // GraphProto
    static final int GRAPH_NODE = 1;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;
    static final int GRAPH_VALUE_INFO = 13;
    // NodeProto
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP_TYPE = 4;
    static final int NODE_ATTRIBUTE = 5;
    static final int NODE_DOMAIN = 7;
    // AttributeProto
    static final int ATTRIBUTE_NAME = 1;
    static final int ATTRIBUTE_F = 2;
    static final int ATTRIBUTE_I = 3;
    static final int ATTRIBUTE_INTS = 8;
    static final int ATTRIBUTE_TYPE = 20;
    static final int ATTRIBUTE_TYPE_FLOAT = 1;
    static final int ATTRIBUTE_TYPE_INT = 2;
    static final int ATTRIBUTE_TYPE_INTS = 7;
    // TensorProto
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_FLOAT_DATA = 4;
    static final int TENSOR_INT64_DATA = 7;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;
    static final int TENSOR_DATA_LOCATION = 14;
    static final int DATA_TYPE_FLOAT = 1;
    static final int DATA_TYPE_INT64 = 7;
    // ValueInfoProto, TypeProto, TensorShapeProto
    static final int VALUE_INFO_NAME = 1;
    static final int VALUE_INFO_TYPE = 2;
    static final int TYPE_TENSOR = 1;
    static final int TENSOR_TYPE_SHAPE = 2;
    static final int SHAPE_DIM = 1;
    static final int DIM_VALUE = 1;
    static final int DIM_PARAM = 2;

    private OnnxProtos() {}

    static ProtoMessage node(String opType, String name, List<String> inputs, String output, Field... attributes) {
        ProtoMessage node = new ProtoMessage();
        inputs.forEach(input -> node.add(Field.string(NODE_INPUT, input)));
        node.add(Field.string(NODE_OUTPUT, output));
        node.add(Field.string(NODE_NAME, name));
        node.add(Field.string(NODE_OP_TYPE, opType));
        for (Field attribute : attributes) {
            node.add(attribute);
        }
        return node;
    }

    static Field intAttribute(String name, long value) {
        return Field.message(
                NODE_ATTRIBUTE,
                new ProtoMessage()
                        .add(Field.string(ATTRIBUTE_NAME, name))
                        .add(Field.varint(ATTRIBUTE_I, value))
                        .add(Field.varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT)));
    }

    static Field floatAttribute(String name, float value) {
        return Field.message(
                NODE_ATTRIBUTE,
                new ProtoMessage()
                        .add(Field.string(ATTRIBUTE_NAME, name))
                        .add(Field.float32(ATTRIBUTE_F, value))
                        .add(Field.varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_FLOAT)));
    }

    static Field intsAttribute(String name, long... values) {
        ProtoMessage attribute = new ProtoMessage().add(Field.string(ATTRIBUTE_NAME, name));
        for (long value : values) {
            attribute.add(Field.varint(ATTRIBUTE_INTS, value));
        }
        return Field.message(NODE_ATTRIBUTE, attribute.add(Field.varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INTS)));
    }

    static ProtoMessage floatTensor(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return tensor(name, DATA_TYPE_FLOAT, raw.array(), dims);
    }

    static ProtoMessage int64Tensor(String name, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return tensor(name, DATA_TYPE_INT64, raw.array(), values.length);
    }

    private static ProtoMessage tensor(String name, int dataType, byte[] raw, long... dims) {
        ProtoMessage tensor = new ProtoMessage();
        for (long dim : dims) {
            tensor.add(Field.varint(TENSOR_DIMS, dim));
        }
        return tensor.add(Field.varint(TENSOR_DATA_TYPE, dataType))
                .add(Field.string(TENSOR_NAME, name))
                .add(Field.bytes(TENSOR_RAW_DATA, raw));
    }

    static long[] dims(ProtoMessage tensor) {
        return tensor.all(TENSOR_DIMS).stream().mapToLong(Field::varint).toArray();
    }

    /** Float values of an initializer, or null when it is not an in-file float tensor. */
    static float[] floats(ProtoMessage tensor) {
        if (tensor.varint(TENSOR_DATA_TYPE) != DATA_TYPE_FLOAT || tensor.varint(TENSOR_DATA_LOCATION) != 0) {
            return null;
        }
        Field raw = tensor.last(TENSOR_RAW_DATA);
        if (raw != null) {
            float[] values = new float[raw.bytes().length / Float.BYTES];
            ByteBuffer.wrap(raw.bytes())
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(values);
            return values;
        }
        List<Field> packed = tensor.all(TENSOR_FLOAT_DATA);
        ByteBuffer data = ByteBuffer.allocate(
                        packed.stream().mapToInt(f -> f.bytes().length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        packed.forEach(field -> data.put(field.bytes()));
        float[] values = new float[data.capacity() / Float.BYTES];
        data.flip().asFloatBuffer().get(values);
        return values;
    }

    /** Int64 values of an initializer, or null when it is not an in-file int64 tensor. */
    static long[] longs(ProtoMessage tensor) {
        if (tensor.varint(TENSOR_DATA_TYPE) != DATA_TYPE_INT64 || tensor.varint(TENSOR_DATA_LOCATION) != 0) {
            return null;
        }
        Field raw = tensor.last(TENSOR_RAW_DATA);
        if (raw != null) {
            long[] values = new long[raw.bytes().length / Long.BYTES];
            ByteBuffer.wrap(raw.bytes())
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asLongBuffer()
                    .get(values);
            return values;
        }
        return tensor.all(TENSOR_INT64_DATA).stream()
                .flatMapToLong(field -> field.wireType() == ProtoMessage.LENGTH_DELIMITED
                        ? java.util.Arrays.stream(ProtoMessage.packedVarints(field.bytes()))
                        : java.util.stream.LongStream.of(field.varint()))
                .toArray();
    }
}
