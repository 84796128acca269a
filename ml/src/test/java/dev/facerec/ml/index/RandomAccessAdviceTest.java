package dev.facerec.ml.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomAccessAdviceTest {
    @TempDir
    Path directory;

    @Test
    void aMappedFileTakesTheAdvice() throws IOException {
        assumeTrue(isLinux(), "madvise is checked where the service runs: Linux");
        try (FileChannel channel = open();
                Arena arena = Arena.ofConfined()) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 1 << 20, arena);

            assertThat(RandomAccessAdvice.apply(mapped)).isTrue();
        }
    }

    @Test
    void aRangeOffAPageBoundaryIsRefusedWithoutThrowing() throws IOException {
        assumeTrue(isLinux(), "madvise is checked where the service runs: Linux");
        try (FileChannel channel = open();
                Arena arena = Arena.ofConfined()) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 1 << 20, arena);

            // madvise wants a page-aligned start (EINVAL otherwise): the file must still work, unadvised.
            assertThat(RandomAccessAdvice.apply(mapped.asSlice(100))).isFalse();
        }
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(
                directory.resolve("vectors.f32"),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    private static boolean isLinux() {
        return System.getProperty("os.name").toLowerCase().contains("linux");
    }
}
