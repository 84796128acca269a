package dev.facerec.ml.image.heif;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct heif_decoding_options}, which grows with libheif: each release appends fields and raises the
 * {@code version} its allocator writes. Only fields present in the allocated struct's version are written, so a newer
 * library keeps its own defaults for the rest and an older one is never written past its end.
 */
final class DecodingOptions {
    /** The layout up to version 4, the last one libheif 1.15 knows; later versions only append. */
    private static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_BYTE.withName("version"),
            JAVA_BYTE.withName("ignore_transformations"),
            MemoryLayout.paddingLayout(6),
            ADDRESS.withName("start_progress"),
            ADDRESS.withName("on_progress"),
            ADDRESS.withName("end_progress"),
            ADDRESS.withName("progress_user_data"),
            JAVA_BYTE.withName("convert_hdr_to_8bit"), // version 2
            JAVA_BYTE.withName("strict_decoding"), // version 3
            MemoryLayout.paddingLayout(6),
            ADDRESS.withName("decoder_id")); // version 4

    private static final long IGNORE_TRANSFORMATIONS = offset("ignore_transformations");
    private static final long CONVERT_HDR_TO_8BIT = offset("convert_hdr_to_8bit");
    private static final int HDR_TO_8BIT_SINCE = 2;

    private DecodingOptions() {}

    /**
     * Options from libheif's own allocator with transformations applied ({@code irot}, {@code imir}, {@code clap}) and
     * 10- and 12-bit images reduced to 8 bits. Free with {@link #free}.
     */
    static MemorySegment allocate(HeifFunctions functions) {
        MemorySegment options = allocated(functions);
        if (options.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("libheif could not allocate decoding options");
        }
        MemorySegment struct = options.reinterpret(LAYOUT.byteSize());
        int version = struct.get(JAVA_BYTE, 0) & 0xFF;
        // Version 1 fields exist in every version; the default is already 0, stated here because orientation hangs on
        // it.
        struct.set(JAVA_BYTE, IGNORE_TRANSFORMATIONS, (byte) 0);
        if (version >= HDR_TO_8BIT_SINCE) {
            struct.set(JAVA_BYTE, CONVERT_HDR_TO_8BIT, (byte) 1);
        }
        return options;
    }

    static void free(HeifFunctions functions, MemorySegment options) {
        Native.run(() -> {
            functions.decodingOptionsFree.invokeExact(options);
        });
    }

    private static MemorySegment allocated(HeifFunctions functions) {
        try {
            return (MemorySegment) functions.decodingOptionsAlloc.invokeExact();
        } catch (Throwable e) {
            throw Native.rethrow(e);
        }
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
