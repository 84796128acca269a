package dev.facerec.ml.image.turbo;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.util.Objects.requireNonNull;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * libjpeg-turbo's TurboJPEG 2.x API (Debian {@code libturbojpeg0}), called through the FFM API: the functions the
 * service needs to read a JPEG header, decode at a DCT scale straight to BGR, and crop losslessly. TurboJPEG reports
 * errors through return codes (its longjmp never crosses into Java), so a corrupt file gives an exception here, not a
 * crash. Each call opens and closes its own TurboJPEG handle; instances are thread-safe.
 *
 * <p>{@link #load} never throws: where the library is missing or native access is refused, it says why.
 */
public final class TurboJpeg {
    /** The shared library's name, found through the dynamic linker's usual search path. */
    public static final String LIBRARY = "libturbojpeg.so.0";

    static final int PIXEL_FORMAT_BGR = 1;
    static final int FLAG_LIMIT_SCANS = 32768;
    static final int ERROR_WARNING = 0;
    static final int COLORSPACE_CMYK = 3;
    static final int COLORSPACE_YCCK = 4;
    private static final int TRANSFORM_NONE = 0;
    private static final int OPTION_CROP = 4;
    private static final int OPTION_COPY_NONE = 64;
    /** {@code tjtransform}: a region of four ints, op, options, two pointers. */
    private static final long TRANSFORM_SIZE = 40;

    private static final int[] MCU_WIDTH = {8, 16, 16, 8, 8, 32};
    private static final int[] MCU_HEIGHT = {8, 8, 16, 8, 16, 8};

    private final Functions functions;
    private final List<ScalingFactor> scalingFactors;

    private TurboJpeg(Functions functions, List<ScalingFactor> scalingFactors) {
        this.functions = functions;
        this.scalingFactors = scalingFactors;
    }

    /** Binds {@code library} (a name or a path), or says why it cannot be used. */
    public static Loaded load(String library) {
        requireNonNull(library, "library is null");
        try {
            Functions functions = new Functions(SymbolLookup.libraryLookup(library, Arena.global()));
            return new Loaded.Available(new TurboJpeg(functions, functions.scalingFactors()));
        } catch (IllegalArgumentException e) {
            return new Loaded.Unavailable(library + " is not installed (" + e.getMessage() + ")");
        } catch (IllegalCallerException e) {
            return new Loaded.Unavailable("native access is not enabled (--enable-native-access=ALL-UNNAMED)");
        } catch (Throwable e) {
            return new Loaded.Unavailable(library + " could not be bound: " + e);
        }
    }

    /** The outcome of {@link #load}. */
    public sealed interface Loaded {
        record Available(TurboJpeg codec) implements Loaded {}

        record Unavailable(String reason) implements Loaded {}
    }

    /** What a JPEG's header declares. {@code subsampling} indexes TurboJPEG's {@code TJSAMP} values. */
    public record Header(int width, int height, int subsampling, int colorspace) {
        /** Whether TurboJPEG can convert these samples to BGR (not CMYK or YCCK). */
        public boolean convertsToBgr() {
            return colorspace != COLORSPACE_CMYK && colorspace != COLORSPACE_YCCK;
        }

        /** The crop grid: a lossless crop starts on a multiple of this many columns. */
        public int mcuWidth() {
            return MCU_WIDTH[subsampling];
        }

        /** The crop grid: a lossless crop starts on a multiple of this many rows. */
        public int mcuHeight() {
            return MCU_HEIGHT[subsampling];
        }
    }

    /** A DCT scaling factor {@code num / denom}. */
    public record ScalingFactor(int num, int denom) {
        /** {@code TJSCALED}: a dimension after scaling, rounded up. */
        public int scale(int dimension) {
            return (int) (((long) dimension * num + denom - 1) / denom);
        }

        public float value() {
            return (float) num / denom;
        }
    }

    /** The factors the library decodes at, largest first. */
    public List<ScalingFactor> scalingFactors() {
        return scalingFactors;
    }

    public Header header(byte[] jpeg) throws TurboJpegException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocateFrom(JAVA_BYTE, jpeg);
            MemorySegment dims = arena.allocate(JAVA_INT, 4);
            MemorySegment handle = functions.initDecompress();
            try {
                int status = (int) functions.header.invokeExact(
                        handle, input, (long) jpeg.length, dims, dims.asSlice(4), dims.asSlice(8), dims.asSlice(12));
                if (status != 0) {
                    throw functions.error(handle, "reading the header");
                }
                int subsampling = dims.getAtIndex(JAVA_INT, 2);
                if (subsampling < 0 || subsampling >= MCU_WIDTH.length) {
                    throw new TurboJpegException("unusual chroma subsampling " + subsampling, false);
                }
                return new Header(
                        dims.getAtIndex(JAVA_INT, 0),
                        dims.getAtIndex(JAVA_INT, 1),
                        subsampling,
                        dims.getAtIndex(JAVA_INT, 3));
            } finally {
                functions.destroy(handle);
            }
        } catch (TurboJpegException e) {
            throw e;
        } catch (Throwable e) {
            throw new TurboJpegException("TurboJPEG call failed: " + e, false);
        }
    }

    /**
     * Decodes at {@code factor} to interleaved BGR. A warning (damaged but complete scan data, decoded as well as the
     * codec could) does not fail the call; {@code warned} in the result says it happened.
     */
    public Pixels decodeBgr(byte[] jpeg, Header header, ScalingFactor factor) throws TurboJpegException {
        int width = factor.scale(header.width());
        int height = factor.scale(header.height());
        long size = Math.multiplyExact(Math.multiplyExact((long) width, height), 3L);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocateFrom(JAVA_BYTE, jpeg);
            MemorySegment output = arena.allocate(size);
            MemorySegment handle = functions.initDecompress();
            boolean warned = false;
            try {
                int status = (int) functions.decompress.invokeExact(
                        handle,
                        input,
                        (long) jpeg.length,
                        output,
                        width,
                        0,
                        height,
                        PIXEL_FORMAT_BGR,
                        FLAG_LIMIT_SCANS);
                if (status != 0) {
                    TurboJpegException error = functions.error(handle, "decoding");
                    if (!error.warning()) {
                        throw error;
                    }
                    warned = true;
                }
            } finally {
                functions.destroy(handle);
            }
            return new Pixels(width, height, output.toArray(JAVA_BYTE), warned);
        } catch (TurboJpegException e) {
            throw e;
        } catch (Throwable e) {
            throw new TurboJpegException("TurboJPEG call failed: " + e, false);
        }
    }

    /** Decoded pixels. */
    public record Pixels(int width, int height, byte[] bgr, boolean warned) {}

    /**
     * A lossless crop: a new JPEG of the stored (not yet oriented) region, without the source's extra markers. {@code
     * x} and {@code y} must lie on the header's MCU grid; the region may run to the image's edges.
     */
    public byte[] crop(byte[] jpeg, int x, int y, int width, int height) throws TurboJpegException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocateFrom(JAVA_BYTE, jpeg);
            MemorySegment transform = arena.allocate(TRANSFORM_SIZE, 8);
            transform.setAtIndex(JAVA_INT, 0, x);
            transform.setAtIndex(JAVA_INT, 1, y);
            transform.setAtIndex(JAVA_INT, 2, width);
            transform.setAtIndex(JAVA_INT, 3, height);
            transform.setAtIndex(JAVA_INT, 4, TRANSFORM_NONE);
            transform.setAtIndex(JAVA_INT, 5, OPTION_CROP | OPTION_COPY_NONE);
            MemorySegment outputs = arena.allocate(ADDRESS);
            MemorySegment sizes = arena.allocate(JAVA_LONG);
            MemorySegment handle = functions.initTransform();
            try {
                int status = (int) functions.transform.invokeExact(
                        handle, input, (long) jpeg.length, 1, outputs, sizes, transform, FLAG_LIMIT_SCANS);
                MemorySegment output = outputs.get(ADDRESS, 0);
                try {
                    if (status != 0) {
                        TurboJpegException error = functions.error(handle, "cropping");
                        if (!error.warning()) {
                            throw error;
                        }
                    }
                    long length = sizes.get(JAVA_LONG, 0);
                    return output.reinterpret(length).toArray(JAVA_BYTE);
                } finally {
                    if (!output.equals(MemorySegment.NULL)) {
                        functions.free.invokeExact(output);
                    }
                }
            } finally {
                functions.destroy(handle);
            }
        } catch (TurboJpegException e) {
            throw e;
        } catch (Throwable e) {
            throw new TurboJpegException("TurboJPEG call failed: " + e, false);
        }
    }

    /** The bound functions. */
    private static final class Functions {
        private final MethodHandle initDecompress;
        private final MethodHandle initTransform;
        private final MethodHandle header;
        private final MethodHandle decompress;
        private final MethodHandle transform;
        private final MethodHandle scalingFactors;
        private final MethodHandle errorText;
        private final MethodHandle errorCode;
        private final MethodHandle destroy;
        private final MethodHandle free;

        Functions(SymbolLookup library) {
            Linker linker = Linker.nativeLinker();
            initDecompress = bind(linker, library, "tjInitDecompress", FunctionDescriptor.of(ADDRESS));
            initTransform = bind(linker, library, "tjInitTransform", FunctionDescriptor.of(ADDRESS));
            header = bind(
                    linker,
                    library,
                    "tjDecompressHeader3",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
            decompress = bind(
                    linker,
                    library,
                    "tjDecompress2",
                    FunctionDescriptor.of(
                            JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                            JAVA_INT));
            transform = bind(
                    linker,
                    library,
                    "tjTransform",
                    FunctionDescriptor.of(
                            JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
            scalingFactors = bind(linker, library, "tjGetScalingFactors", FunctionDescriptor.of(ADDRESS, ADDRESS));
            errorText = bind(linker, library, "tjGetErrorStr2", FunctionDescriptor.of(ADDRESS, ADDRESS));
            errorCode = bind(linker, library, "tjGetErrorCode", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            destroy = bind(linker, library, "tjDestroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            free = bind(linker, library, "tjFree", FunctionDescriptor.ofVoid(ADDRESS));
        }

        private static MethodHandle bind(
                Linker linker, SymbolLookup library, String name, FunctionDescriptor descriptor) {
            MemorySegment symbol = library.find(name)
                    .orElseThrow(() -> new IllegalArgumentException("the library has no function " + name));
            return linker.downcallHandle(symbol, descriptor);
        }

        List<ScalingFactor> scalingFactors() throws Throwable {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment count = arena.allocate(JAVA_INT);
                MemorySegment array = (MemorySegment) scalingFactors.invokeExact(count);
                int n = count.get(JAVA_INT, 0);
                if (array.equals(MemorySegment.NULL) || n <= 0 || n > 64) {
                    throw new IllegalStateException("tjGetScalingFactors gave no factors");
                }
                MemorySegment factors = array.reinterpret(8L * n);
                List<ScalingFactor> result = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    result.add(new ScalingFactor(
                            factors.getAtIndex(JAVA_INT, 2L * i), factors.getAtIndex(JAVA_INT, 2L * i + 1)));
                }
                result.sort((a, b) -> Float.compare(b.value(), a.value()));
                return List.copyOf(result);
            }
        }

        MemorySegment initDecompress() throws Throwable {
            return checked((MemorySegment) initDecompress.invokeExact());
        }

        MemorySegment initTransform() throws Throwable {
            return checked((MemorySegment) initTransform.invokeExact());
        }

        private static MemorySegment checked(MemorySegment handle) throws TurboJpegException {
            if (handle.equals(MemorySegment.NULL)) {
                throw new TurboJpegException("TurboJPEG could not allocate a handle", false);
            }
            return handle;
        }

        TurboJpegException error(MemorySegment handle, String doing) throws Throwable {
            MemorySegment text = (MemorySegment) errorText.invokeExact(handle);
            int code = (int) errorCode.invokeExact(handle);
            String message = text.equals(MemorySegment.NULL)
                    ? "unknown error"
                    : text.reinterpret(1024).getString(0);
            return new TurboJpegException(doing + ": " + message, code == ERROR_WARNING);
        }

        /** Frees the handle; tjDestroy's status (-1 on failure) leaves the caller nothing to do, so it is not read. */
        void destroy(MemorySegment handle) throws Throwable {
            destroy.invoke(handle);
        }
    }
}
