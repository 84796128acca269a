package dev.facerec.ml.onnx.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.ml.onnx.graph.ProtoMessage.Field;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProtoMessageTest {

    static Stream<Path> models() throws IOException {
        return Files.list(TestModels.directory())
                .filter(path -> path.toString().endsWith(".onnx"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("models")
    void parsingAndWritingAModelGivesTheSameBytes(Path model) throws IOException {
        byte[] original = Files.readAllBytes(model);

        ProtoMessage parsed = ProtoMessage.parse(original);

        assertThat(parsed.toByteArray()).isEqualTo(original);
    }

    @ParameterizedTest
    @MethodSource("models")
    void rebuildingTheGraphWithoutChangesGivesTheSameBytes(Path model) throws IOException {
        byte[] original = Files.readAllBytes(model);

        assertThat(new OnnxGraph(original).toModel()).isEqualTo(original);
    }

    @Test
    void keepsEveryWireTypeAndUnknownFieldInOrder() {
        ProtoMessage nested = new ProtoMessage().add(Field.string(1, "inner")).add(Field.varint(99, 7));
        ProtoMessage message = new ProtoMessage()
                .add(Field.varint(3, -1))
                .add(Field.float32(2, 1.5f))
                .add(new Field(500, ProtoMessage.FIXED64, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .add(Field.message(7, nested))
                .add(Field.varint(3, 300));

        ProtoMessage reparsed = ProtoMessage.parse(message.toByteArray());

        assertThat(reparsed.toByteArray()).isEqualTo(message.toByteArray());
        assertThat(reparsed.all(3)).extracting(Field::varint).containsExactly(-1L, 300L);
        assertThat(reparsed.varint(3))
                .as("the last occurrence of a singular field wins")
                .isEqualTo(300);
        assertThat(reparsed.last(7).asMessage().string(1)).isEqualTo("inner");
        assertThat(reparsed.last(7).asMessage().varint(99)).isEqualTo(7);
        assertThat(reparsed.last(500).bytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void decodesPackedVarints() {
        byte[] payload = {0x01, (byte) 0xac, 0x02, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01};

        assertThat(ProtoMessage.packedVarints(payload)).containsExactly(1L, 300L, -1L);
    }

    @Test
    void rejectsTruncatedInput() {
        byte[] message = new ProtoMessage().add(Field.string(1, "abcdef")).toByteArray();

        assertThatThrownBy(() -> ProtoMessage.parse(java.util.Arrays.copyOf(message, message.length - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }
}
