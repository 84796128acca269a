package dev.facerec.ml.image.heif;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.NoSuchElementException;

/**
 * The few libheif functions the codec calls, bound once per library through the FFM API. Signatures follow libheif
 * 1.15's {@code heif.h}; every C enum is passed as an {@code int}.
 *
 * <p>{@code heif_init} is deliberately not called: libheif registers its built-in decoders when it is loaded, and
 * {@code heif_init} would also load plugin libraries named by the {@code LIBHEIF_PLUGIN_PATH} environment variable.
 */
final class HeifFunctions {
    /** {@code struct heif_error {enum heif_error_code code; enum heif_suberror_code subcode; const char* message;}} */
    static final StructLayout ERROR = MemoryLayout.structLayout(
            JAVA_INT.withName("code"), JAVA_INT.withName("subcode"), ADDRESS.withName("message"));

    static final VarHandle ERROR_CODE = ERROR.varHandle(MemoryLayout.PathElement.groupElement("code"));
    static final VarHandle ERROR_SUBCODE = ERROR.varHandle(MemoryLayout.PathElement.groupElement("subcode"));
    static final VarHandle ERROR_MESSAGE = ERROR.varHandle(MemoryLayout.PathElement.groupElement("message"));

    final MethodHandle getVersion;
    final MethodHandle getVersionNumber;
    final MethodHandle contextAlloc;
    final MethodHandle contextFree;
    final MethodHandle readFromMemoryWithoutCopy;
    final MethodHandle primaryImageHandle;
    final MethodHandle setMaximumImageSizeLimit;
    final MethodHandle setMaxDecodingThreads;
    final MethodHandle handleRelease;
    final MethodHandle handleIspeWidth;
    final MethodHandle handleIspeHeight;
    final MethodHandle handleHasAlpha;
    final MethodHandle decodingOptionsAlloc;
    final MethodHandle decodingOptionsFree;
    final MethodHandle decodeImage;
    final MethodHandle imageWidth;
    final MethodHandle imageHeight;
    final MethodHandle imageBitsPerPixel;
    final MethodHandle imagePlaneReadonly;
    final MethodHandle imageRelease;

    private final Linker linker = Linker.nativeLinker();
    private final SymbolLookup library;

    /**
     * @throws IllegalArgumentException the library cannot be loaded
     * @throws NoSuchElementException a function is missing (not libheif, or too old)
     * @throws IllegalCallerException the JVM refuses native access to this module
     */
    HeifFunctions(String libraryNameOrPath) {
        // The global arena: a native library, once loaded, stays for the life of the process.
        library = SymbolLookup.libraryLookup(libraryNameOrPath, Arena.global());
        getVersion = bind("heif_get_version", FunctionDescriptor.of(ADDRESS));
        getVersionNumber = bind("heif_get_version_number", FunctionDescriptor.of(JAVA_INT));
        contextAlloc = bind("heif_context_alloc", FunctionDescriptor.of(ADDRESS));
        contextFree = bind("heif_context_free", FunctionDescriptor.ofVoid(ADDRESS));
        readFromMemoryWithoutCopy = bind(
                "heif_context_read_from_memory_without_copy",
                FunctionDescriptor.of(ERROR, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        primaryImageHandle =
                bind("heif_context_get_primary_image_handle", FunctionDescriptor.of(ERROR, ADDRESS, ADDRESS));
        setMaximumImageSizeLimit =
                bind("heif_context_set_maximum_image_size_limit", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        setMaxDecodingThreads =
                bind("heif_context_set_max_decoding_threads", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        handleRelease = bind("heif_image_handle_release", FunctionDescriptor.ofVoid(ADDRESS));
        handleIspeWidth = bind("heif_image_handle_get_ispe_width", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        handleIspeHeight = bind("heif_image_handle_get_ispe_height", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        handleHasAlpha = bind("heif_image_handle_has_alpha_channel", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        decodingOptionsAlloc = bind("heif_decoding_options_alloc", FunctionDescriptor.of(ADDRESS));
        decodingOptionsFree = bind("heif_decoding_options_free", FunctionDescriptor.ofVoid(ADDRESS));
        decodeImage =
                bind("heif_decode_image", FunctionDescriptor.of(ERROR, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        imageWidth = bind("heif_image_get_width", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        imageHeight = bind("heif_image_get_height", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        imageBitsPerPixel = bind("heif_image_get_bits_per_pixel", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        imagePlaneReadonly =
                bind("heif_image_get_plane_readonly", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        imageRelease = bind("heif_image_release", FunctionDescriptor.ofVoid(ADDRESS));
    }

    private MethodHandle bind(String name, FunctionDescriptor descriptor) {
        MemorySegment address = library.find(name).orElseThrow(() -> new NoSuchElementException("no function " + name));
        return linker.downcallHandle(address, descriptor);
    }
}
