package dev.facerec.ml.image.heif;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.facerec.ml.image.heif.HeifException.Kind;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * One upload as libheif has parsed it: a context over a native copy of the bytes and the primary image's handle. Both,
 * and the copy, are freed by {@link #close()}. Confined to the thread that opened it.
 */
final class HeifFile implements AutoCloseable {
    /** {@code heif_suberror_End_of_data}: a box or an extent reaches past the end of the file. */
    private static final int END_OF_DATA = 100;
    /** {@code heif_error_Usage_error}: libheif says it was called wrongly, which is this code's fault, not the file's. */
    private static final int USAGE_ERROR = 5;
    /** {@code heif_error_Unsupported_filetype} and {@code heif_error_Unsupported_feature}. */
    private static final int UNSUPPORTED_FILETYPE = 3;

    private static final int UNSUPPORTED_FEATURE = 4;
    /** libheif's messages are short; the bound only keeps a missing terminator from reading far. */
    private static final long LONGEST_MESSAGE = 4096;

    private final HeifFunctions functions;
    private final Arena arena = Arena.ofConfined();
    private MemorySegment context = MemorySegment.NULL;
    private MemorySegment handle = MemorySegment.NULL;

    private HeifFile(HeifFunctions functions) {
        this.functions = functions;
    }

    /**
     * Parses the container and finds the primary image; decodes nothing.
     *
     * @param sideLimit the widest and tallest image libheif will accept while parsing, in pixels
     */
    static HeifFile open(HeifFunctions functions, byte[] bytes, int sideLimit) {
        HeifFile file = new HeifFile(functions);
        try {
            // libheif reads the bytes in place: the native copy lives as long as the context, in the same arena.
            MemorySegment data = file.arena.allocate(bytes.length, 16);
            MemorySegment.copy(bytes, 0, data, JAVA_BYTE, 0, bytes.length);
            file.context = (MemorySegment) functions.contextAlloc.invokeExact();
            if (file.context.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("libheif could not allocate a context");
            }
            functions.setMaximumImageSizeLimit.invokeExact(file.context, sideLimit);
            file.check(
                    (MemorySegment) functions.readFromMemoryWithoutCopy.invokeExact(
                            (SegmentAllocator) file.arena, file.context, data, (long) bytes.length, MemorySegment.NULL),
                    "reading the container");
            MemorySegment handleOut = file.arena.allocate(ADDRESS);
            file.check(
                    (MemorySegment) functions.primaryImageHandle.invokeExact(
                            (SegmentAllocator) file.arena, file.context, handleOut),
                    "finding the primary image");
            file.handle = handleOut.get(ADDRESS, 0);
            return file;
        } catch (Throwable e) {
            file.close();
            throw Native.rethrow(e);
        }
    }

    /** The primary image's stored width before rotation or cropping ({@code ispe}); 0 when the box is missing. */
    int declaredWidth() {
        return Native.callInt(() -> (int) functions.handleIspeWidth.invokeExact(handle));
    }

    /** The primary image's stored height before rotation or cropping ({@code ispe}); 0 when the box is missing. */
    int declaredHeight() {
        return Native.callInt(() -> (int) functions.handleIspeHeight.invokeExact(handle));
    }

    boolean hasAlpha() {
        return Native.callInt(() -> (int) functions.handleHasAlpha.invokeExact(handle)) != 0;
    }

    /**
     * Bounds what decoding may allocate: a grid image whose own header declares an output wider or taller than
     * {@code sideLimit} is refused by libheif before its canvas is allocated.
     */
    void limitSides(int sideLimit) {
        Native.run(() -> {
            functions.setMaximumImageSizeLimit.invokeExact(context, sideLimit);
        });
    }

    /** Background threads libheif may use for the tiles of a grid image; 0 decodes them on the calling thread. */
    void decodingThreads(int threads) {
        Native.run(() -> {
            functions.setMaxDecodingThreads.invokeExact(context, threads);
        });
    }

    /** Decodes the primary image, with its rotation, mirroring and cropping applied, into interleaved 8-bit RGB(A). */
    HeifImage decode(boolean withAlpha) {
        return HeifImage.decode(this, functions, arena, handle, withAlpha);
    }

    /** Throws the category of a returned {@code heif_error}; returns quietly on success. */
    void check(MemorySegment error, String step) {
        int code = (int) HeifFunctions.ERROR_CODE.get(error, 0L);
        if (code == 0) {
            return;
        }
        int subcode = (int) HeifFunctions.ERROR_SUBCODE.get(error, 0L);
        String message = step + ": " + message(error) + " (libheif error " + code + "." + subcode + ")";
        if (code == USAGE_ERROR) {
            throw new IllegalStateException(message);
        }
        Kind kind;
        if (subcode == END_OF_DATA) {
            kind = Kind.TRUNCATED;
        } else if (code == UNSUPPORTED_FILETYPE || code == UNSUPPORTED_FEATURE) {
            kind = Kind.UNSUPPORTED;
        } else {
            kind = Kind.DAMAGED;
        }
        throw new HeifException(kind, message);
    }

    /** The message lives in the context's buffer, so it is read before anything is freed. */
    private static String message(MemorySegment error) {
        MemorySegment text = (MemorySegment) HeifFunctions.ERROR_MESSAGE.get(error, 0L);
        if (text.equals(MemorySegment.NULL)) {
            return "no message";
        }
        try {
            return text.reinterpret(LONGEST_MESSAGE).getString(0);
        } catch (IndexOutOfBoundsException e) {
            return "unterminated message";
        }
    }

    @Override
    public void close() {
        try {
            if (!handle.equals(MemorySegment.NULL)) {
                functions.handleRelease.invokeExact(handle);
                handle = MemorySegment.NULL;
            }
            if (!context.equals(MemorySegment.NULL)) {
                functions.contextFree.invokeExact(context);
                context = MemorySegment.NULL;
            }
        } catch (Throwable e) {
            throw Native.rethrow(e);
        } finally {
            if (arena.scope().isAlive()) {
                arena.close();
            }
        }
    }
}
