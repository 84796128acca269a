package dev.facerec.ml.image.heif;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.facerec.ml.image.heif.HeifException.Kind;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/** A decoded {@code heif_image} in interleaved 8-bit RGB or RGBA, released by {@link #close()}. */
final class HeifImage implements AutoCloseable {
    private static final int COLORSPACE_RGB = 1;
    private static final int CHROMA_INTERLEAVED_RGB = 10;
    private static final int CHROMA_INTERLEAVED_RGBA = 11;
    private static final int CHANNEL_INTERLEAVED = 10;

    private final HeifFunctions functions;
    private final Arena arena;
    private final MemorySegment image;
    private final int channels;

    private HeifImage(HeifFunctions functions, Arena arena, MemorySegment image, int channels) {
        this.functions = functions;
        this.arena = arena;
        this.image = image;
        this.channels = channels;
    }

    static HeifImage decode(
            HeifFile file, HeifFunctions functions, Arena arena, MemorySegment handle, boolean withAlpha) {
        MemorySegment options = DecodingOptions.allocate(functions);
        try {
            MemorySegment imageOut = arena.allocate(ADDRESS);
            int chroma = withAlpha ? CHROMA_INTERLEAVED_RGBA : CHROMA_INTERLEAVED_RGB;
            file.check(
                    (MemorySegment) functions.decodeImage.invokeExact(
                            (SegmentAllocator) arena, handle, imageOut, COLORSPACE_RGB, chroma, options),
                    "decoding the primary image");
            return new HeifImage(functions, arena, imageOut.get(ADDRESS, 0), withAlpha ? 4 : 3);
        } catch (Throwable e) {
            throw Native.rethrow(e);
        } finally {
            DecodingOptions.free(functions, options);
        }
    }

    int width() {
        return Native.callInt(() -> (int) functions.imageWidth.invokeExact(image, CHANNEL_INTERLEAVED));
    }

    int height() {
        return Native.callInt(() -> (int) functions.imageHeight.invokeExact(image, CHANNEL_INTERLEAVED));
    }

    /** The pixels in BGR order, transparency composed over white; the caller has checked the size. */
    byte[] toBgr(int width, int height) {
        int bits = Native.callInt(() -> (int) functions.imageBitsPerPixel.invokeExact(image, CHANNEL_INTERLEAVED));
        if (bits != 8 * channels) {
            throw new HeifException(Kind.UNSUPPORTED, "decoded to " + bits + " bits per pixel, not " + 8 * channels);
        }
        MemorySegment strideOut = arena.allocate(JAVA_INT);
        MemorySegment plane = plane(strideOut);
        int stride = strideOut.get(JAVA_INT, 0);
        long rowBytes = (long) width * channels;
        if (plane.equals(MemorySegment.NULL) || stride < rowBytes) {
            throw new IllegalStateException("libheif gave no usable plane: stride " + stride + " for " + width);
        }
        MemorySegment pixels = plane.reinterpret(stride * (long) (height - 1) + rowBytes);
        return InterleavedPixels.toBgr(pixels, width, height, stride, channels);
    }

    private MemorySegment plane(MemorySegment strideOut) {
        try {
            return (MemorySegment) functions.imagePlaneReadonly.invokeExact(image, CHANNEL_INTERLEAVED, strideOut);
        } catch (Throwable e) {
            throw Native.rethrow(e);
        }
    }

    @Override
    public void close() {
        Native.run(() -> {
            functions.imageRelease.invokeExact(image);
        });
    }
}
