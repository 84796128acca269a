package dev.facerec.ml.onnx.graph;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A protobuf message as an ordered list of raw fields, enough to edit an ONNX ModelProto without generated
 * classes. Fields keep their order and wire form, so whatever this code does not touch (unknown fields,
 * metadata, large initializers) is written back byte for byte.
 */
final class ProtoMessage {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    /** One field occurrence; {@code bytes} holds the payload of length-delimited and fixed-width fields. */
    record Field(int number, int wireType, long varint, byte[] bytes) {
        Field {
            requireNonNull(bytes, "bytes is null");
        }

        static Field varint(int number, long value) {
            return new Field(number, VARINT, value, new byte[0]);
        }

        static Field bytes(int number, byte[] payload) {
            return new Field(number, LENGTH_DELIMITED, 0, payload);
        }

        static Field string(int number, String value) {
            return bytes(number, value.getBytes(StandardCharsets.UTF_8));
        }

        static Field message(int number, ProtoMessage value) {
            return bytes(number, value.toByteArray());
        }

        static Field float32(int number, float value) {
            int bits = Float.floatToRawIntBits(value);
            return new Field(number, FIXED32, 0, new byte[] {
                (byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)
            });
        }

        String asString() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        ProtoMessage asMessage() {
            return ProtoMessage.parse(bytes);
        }
    }

    private final List<Field> fields;

    ProtoMessage() {
        this.fields = new ArrayList<>();
    }

    private ProtoMessage(List<Field> fields) {
        this.fields = fields;
    }

    static ProtoMessage parse(byte[] data) {
        requireNonNull(data, "data is null");
        List<Field> fields = new ArrayList<>();
        int[] position = {0};
        while (position[0] < data.length) {
            long tag = readVarint(data, position);
            int number = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (number <= 0) {
                throw new IllegalArgumentException("invalid protobuf field number " + number);
            }
            switch (wireType) {
                case VARINT -> fields.add(Field.varint(number, readVarint(data, position)));
                case FIXED64 -> fields.add(new Field(number, wireType, 0, take(data, position, 8)));
                case FIXED32 -> fields.add(new Field(number, wireType, 0, take(data, position, 4)));
                case LENGTH_DELIMITED -> {
                    long length = readVarint(data, position);
                    if (length < 0 || length > data.length - position[0]) {
                        throw new IllegalArgumentException("truncated protobuf field " + number);
                    }
                    fields.add(Field.bytes(number, take(data, position, (int) length)));
                }
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
            }
        }
        return new ProtoMessage(fields);
    }

    ProtoMessage copy() {
        return new ProtoMessage(new ArrayList<>(fields));
    }

    /** The live, ordered field list; callers edit it in place. */
    List<Field> fields() {
        return fields;
    }

    List<Field> all(int number) {
        return fields.stream().filter(field -> field.number() == number).toList();
    }

    List<ProtoMessage> messages(int number) {
        return all(number).stream().map(Field::asMessage).toList();
    }

    List<String> strings(int number) {
        return all(number).stream().map(Field::asString).toList();
    }

    /** The last occurrence wins for singular fields, as in protobuf itself; null when absent. */
    Field last(int number) {
        Field found = null;
        for (Field field : fields) {
            if (field.number() == number) {
                found = field;
            }
        }
        return found;
    }

    String string(int number) {
        Field field = last(number);
        return field == null ? "" : field.asString();
    }

    long varint(int number) {
        Field field = last(number);
        return field == null ? 0 : field.varint();
    }

    /** Replaces every occurrence of a field by one value, at the position of the first occurrence. */
    void set(Field value) {
        int index = -1;
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).number() == value.number()) {
                fields.remove(i);
                index = i;
            }
        }
        if (index < 0) {
            fields.add(value);
        } else {
            fields.add(index, value);
        }
    }

    ProtoMessage add(Field value) {
        fields.add(value);
        return this;
    }

    byte[] toByteArray() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field field : fields) {
            writeVarint(out, ((long) field.number() << 3) | field.wireType());
            switch (field.wireType()) {
                case VARINT -> writeVarint(out, field.varint());
                case LENGTH_DELIMITED -> {
                    writeVarint(out, field.bytes().length);
                    out.writeBytes(field.bytes());
                }
                default -> out.writeBytes(field.bytes());
            }
        }
        return out.toByteArray();
    }

    /** Decodes a packed repeated varint payload (e.g. TensorProto.int64_data written by most exporters). */
    static long[] packedVarints(byte[] payload) {
        java.util.stream.LongStream.Builder values = java.util.stream.LongStream.builder();
        int[] position = {0};
        while (position[0] < payload.length) {
            values.add(readVarint(payload, position));
        }
        return values.build().toArray();
    }

    private static long readVarint(byte[] data, int[] position) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position[0] >= data.length) {
                throw new IllegalArgumentException("truncated protobuf varint");
            }
            byte b = data[position[0]++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("malformed protobuf varint");
    }

    private static byte[] take(byte[] data, int[] position, int length) {
        if (length > data.length - position[0]) {
            throw new IllegalArgumentException("truncated protobuf field");
        }
        byte[] result = java.util.Arrays.copyOfRange(data, position[0], position[0] + length);
        position[0] += length;
        return result;
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
