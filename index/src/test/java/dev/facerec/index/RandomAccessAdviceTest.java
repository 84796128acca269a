package dev.facerec.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RandomAccessAdviceTest {
    @TempDir
    Path directory;

    /**
     * A mapping from its first byte takes the advice. One starting 100 bytes in is refused (madvise wants a page-aligned
     * start) without throwing: the file must still work, unadvised.
     */
    @ParameterizedTest(name = "from byte {0}: advised {1}")
    @CsvSource({"0, true", "100, false"})
    void aMappedFileTakesTheAdviceFromAPageBoundary(long start, boolean advised) throws IOException {
        assumeTrue(
                System.getProperty("os.name").toLowerCase().contains("linux"),
                "madvise is checked where the service runs: Linux");
        try (FileChannel channel = FileChannel.open(
                        directory.resolve("vectors.f32"),
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                Arena arena = Arena.ofConfined()) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 1 << 20, arena);

            assertThat(RandomAccessAdvice.apply(mapped.asSlice(start))).isEqualTo(advised);
        }
    }
}
