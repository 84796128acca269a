package dev.facerec.ml.image.heif;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small HEIC files with libheif's own encoder (x265), as an iPhone does: the pixels as the sensor stored them,
 * {@code irot}/{@code imir} boxes from libheif 1.15's {@code image_orientation} encoding option, and optionally an EXIF
 * block with an orientation tag. Test-only; {@code heif-enc} is not installed here.
 */
final class HeifTestEncoder {
    private static final int HEVC = 1;
    private static final int COLORSPACE_RGB = 1;
    private static final int CHROMA_INTERLEAVED_RGB = 10;
    private static final int CHROMA_INTERLEAVED_RGBA = 11;
    private static final int CHANNEL_INTERLEAVED = 10;
    /** {@code heif_encoding_options}, version 5: {@code image_orientation} is an enum after a pointer and a byte. */
    private static final long IMAGE_ORIENTATION_OFFSET = 20;

    private final Linker linker = Linker.nativeLinker();
    private final SymbolLookup library = SymbolLookup.libraryLookup(HeifCodec.DEFAULT_LIBRARY, Arena.global());
    private final HeifFunctions functions = new HeifFunctions(HeifCodec.DEFAULT_LIBRARY);
    private final MethodHandle imageCreate = bind(
            "heif_image_create",
            FunctionDescriptor.of(HeifFunctions.ERROR, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private final MethodHandle addPlane = bind(
            "heif_image_add_plane",
            FunctionDescriptor.of(HeifFunctions.ERROR, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private final MethodHandle plane =
            bind("heif_image_get_plane", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
    private final MethodHandle encoderFor = bind(
            "heif_context_get_encoder_for_format",
            FunctionDescriptor.of(HeifFunctions.ERROR, ADDRESS, JAVA_INT, ADDRESS));
    private final MethodHandle quality =
            bind("heif_encoder_set_lossy_quality", FunctionDescriptor.of(HeifFunctions.ERROR, ADDRESS, JAVA_INT));
    private final MethodHandle encoderRelease = bind("heif_encoder_release", FunctionDescriptor.ofVoid(ADDRESS));
    private final MethodHandle optionsAlloc = bind("heif_encoding_options_alloc", FunctionDescriptor.of(ADDRESS));
    private final MethodHandle optionsFree = bind("heif_encoding_options_free", FunctionDescriptor.ofVoid(ADDRESS));
    private final MethodHandle encode = bind(
            "heif_context_encode_image",
            FunctionDescriptor.of(HeifFunctions.ERROR, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private final MethodHandle addExif = bind(
            "heif_context_add_exif_metadata",
            FunctionDescriptor.of(HeifFunctions.ERROR, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
    private final MethodHandle writeToFile =
            bind("heif_context_write_to_file", FunctionDescriptor.of(HeifFunctions.ERROR, ADDRESS, ADDRESS));

    /**
     * @param pixels the stored pixels, interleaved RGB or RGBA, {@code width * height * channels} bytes
     * @param channels 3, or 4 for a picture with an alpha channel
     * @param orientation the EXIF-style orientation (1-8) that libheif turns into {@code irot}/{@code imir} boxes
     * @param exifOrientation the orientation tag of an EXIF block to attach, or 0 for none
     */
    byte[] encode(byte[] pixels, int channels, int width, int height, int orientation, int exifOrientation)
            throws Throwable {
        Path file = Files.createTempFile("heif-test-", ".heic");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment context = (MemorySegment) functions.contextAlloc.invokeExact();
            MemorySegment out = arena.allocate(ADDRESS);
            check((MemorySegment) imageCreate.invokeExact(
                    (SegmentAllocator) arena,
                    width,
                    height,
                    COLORSPACE_RGB,
                    channels == 4 ? CHROMA_INTERLEAVED_RGBA : CHROMA_INTERLEAVED_RGB,
                    out));
            MemorySegment image = out.get(ADDRESS, 0);
            check((MemorySegment)
                    addPlane.invokeExact((SegmentAllocator) arena, image, CHANNEL_INTERLEAVED, width, height, 8));
            MemorySegment stride = arena.allocate(JAVA_INT);
            MemorySegment target = ((MemorySegment) plane.invokeExact(image, CHANNEL_INTERLEAVED, stride))
                    .reinterpret((long) stride.get(JAVA_INT, 0) * height);
            int row = width * channels;
            for (int y = 0; y < height; y++) {
                MemorySegment.copy(pixels, y * row, target, JAVA_BYTE, (long) y * stride.get(JAVA_INT, 0), row);
            }
            check((MemorySegment) encoderFor.invokeExact((SegmentAllocator) arena, context, HEVC, out));
            MemorySegment encoder = out.get(ADDRESS, 0);
            check((MemorySegment) quality.invokeExact((SegmentAllocator) arena, encoder, 90));
            MemorySegment options = ((MemorySegment) optionsAlloc.invokeExact()).reinterpret(24);
            if (options.get(JAVA_BYTE, 0) < 5) {
                throw new IllegalStateException("libheif has no image_orientation encoding option");
            }
            options.set(JAVA_INT, IMAGE_ORIENTATION_OFFSET, orientation);
            check((MemorySegment) encode.invokeExact((SegmentAllocator) arena, context, image, encoder, options, out));
            MemorySegment handle = out.get(ADDRESS, 0);
            if (exifOrientation != 0) {
                MemorySegment exif = arena.allocateFrom(JAVA_BYTE, exif(exifOrientation));
                check((MemorySegment)
                        addExif.invokeExact((SegmentAllocator) arena, context, handle, exif, (int) exif.byteSize()));
            }
            check((MemorySegment)
                    writeToFile.invokeExact((SegmentAllocator) arena, context, arena.allocateFrom(file.toString())));
            optionsFree.invokeExact(options);
            encoderRelease.invokeExact(encoder);
            functions.handleRelease.invokeExact(handle);
            functions.imageRelease.invokeExact(image);
            functions.contextFree.invokeExact(context);
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A little-endian TIFF structure with one IFD entry: Orientation (0x0112), SHORT, the given value. */
    private static byte[] exif(int orientation) {
        return new byte[] {
            'I',
            'I',
            42,
            0,
            8,
            0,
            0,
            0, // header, IFD0 at offset 8
            1,
            0, // one entry
            0x12,
            0x01,
            3,
            0,
            1,
            0,
            0,
            0,
            (byte) orientation,
            0,
            0,
            0, // Orientation, SHORT, count 1, value
            0,
            0,
            0,
            0 // no next IFD
        };
    }

    private static void check(MemorySegment error) throws IOException {
        int code = (int) HeifFunctions.ERROR_CODE.get(error, 0L);
        if (code != 0) {
            MemorySegment message = (MemorySegment) HeifFunctions.ERROR_MESSAGE.get(error, 0L);
            throw new IOException(
                    "libheif error " + code + ": " + message.reinterpret(4096).getString(0));
        }
    }

    private MethodHandle bind(String name, FunctionDescriptor descriptor) {
        return linker.downcallHandle(library.find(name).orElseThrow(), descriptor);
    }
}
