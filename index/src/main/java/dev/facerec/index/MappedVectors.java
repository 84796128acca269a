package dev.facerec.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Float32 vectors of a large partition in a memory-mapped scratch file, so that a million faces cost 2 GiB of page
 * cache that the kernel may evict rather than 2 GiB of heap: a search re-reads only its few re-ranked rows. The file
 * is not a copy of record (the database is) and is deleted as soon as it is open, so a crash leaves nothing behind.
 * Each mapping is advised of random access ({@link RandomAccessAdvice}), so that a row evicted from the page cache
 * costs one page read when a search needs it again.
 */
final class MappedVectors implements ExactVectors {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final int dimension;
    private final long chunkBytes;
    private final FileChannel channel;
    private final Arena arena = Arena.ofShared();
    private final List<MemorySegment> chunks = new ArrayList<>();

    MappedVectors(Path directory, int dimension) {
        this.dimension = dimension;
        this.chunkBytes = (long) Chunks.ROWS * dimension * Float.BYTES;
        try {
            Files.createDirectories(directory);
            Path file = Files.createTempFile(directory, "gallery-index-", ".f32");
            channel = FileChannel.open(
                    file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
            // POSIX keeps an open, unlinked file alive; where deleting an open file fails, DELETE_ON_CLOSE does it.
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the vector file in " + directory, e);
        }
    }

    @Override
    public void set(int row, float[] vector) {
        MemorySegment.copy(vector, 0, chunkFor(row), FLOAT, offset(row), dimension);
    }

    @Override
    public float[] get(int row) {
        float[] vector = new float[dimension];
        MemorySegment.copy(chunks.get(Chunks.chunk(row)), FLOAT, offset(row), vector, 0, dimension);
        return vector;
    }

    @Override
    public void move(int from, int to) {
        MemorySegment.copy(
                chunks.get(Chunks.chunk(from)),
                offset(from),
                chunks.get(Chunks.chunk(to)),
                offset(to),
                (long) dimension * Float.BYTES);
    }

    @Override
    public long heapBytes() {
        return 0;
    }

    @Override
    public long mappedBytes() {
        return chunks.size() * chunkBytes;
    }

    @Override
    public void close() {
        chunks.clear();
        arena.close();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the vector file", e);
        }
    }

    private long offset(int row) {
        return (long) Chunks.slot(row) * dimension * Float.BYTES;
    }

    private MemorySegment chunkFor(int row) {
        int chunk = Chunks.chunk(row);
        while (chunk >= chunks.size()) {
            try {
                // Mapping past the end grows the file sparsely: no disk is used until rows are written.
                MemorySegment mapped =
                        channel.map(FileChannel.MapMode.READ_WRITE, chunks.size() * chunkBytes, chunkBytes, arena);
                RandomAccessAdvice.apply(mapped);
                chunks.add(mapped);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot grow the vector file", e);
            }
        }
        return chunks.get(chunk);
    }
}
