package dev.facerec.ml.image.heif;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.image.heif.HeifException.Kind;
import java.lang.foreign.MemorySegment;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes HEIC and AVIF uploads with the system's libheif (Debian {@code libheif1}), called through the FFM API: no
 * JNI library is built or shipped, and a machine without libheif simply has no codec ({@link #load}).
 *
 * <p>Safety:
 *
 * <ul>
 *   <li>The pixel limit is checked against the primary image's {@code ispe} box (its stored size) after the container
 *       is parsed and before any pixel is decoded; a file declaring more is refused as {@link Kind#TOO_LARGE}.
 *   <li>Before decoding, libheif's own size limit (the only security limit libheif 1.15 lets a caller set) is lowered
 *       to the declared size plus the coding margin, so a grid image whose grid header asks for a larger canvas than
 *       its {@code ispe} admits, or a coded picture much larger than declared, is refused before it is allocated.
 *   <li>The decoded size is checked again (rotation swaps width and height; cropping makes it smaller): more pixels
 *       than the limit is {@link Kind#TOO_LARGE}, more than the header declared is {@link Kind#DAMAGED}.
 *   <li>A file cut short is refused while parsing (libheif checks every data extent against the file's end) as
 *       {@link Kind#TRUNCATED}; it never yields a partly gray picture.
 *   <li>{@code heif_init} is never called, so no plugin is loaded from {@code LIBHEIF_PLUGIN_PATH}; the built-in
 *       decoders (libde265 for HEVC, dav1d or aom for AV1) are used.
 *   <li>Every native object and the native copy of the upload are freed when a call returns, whatever happens.
 * </ul>
 *
 * <p>Orientation: libheif applies the transformative properties {@code clap} (crop), {@code irot} (rotation) and
 * {@code imir} (mirroring) while decoding, and the result is upright. The EXIF orientation tag that HEIC files also
 * carry (iPhones write both) is deliberately <em>not</em> applied: the HEIF standard (ISO/IEC 23008-12) makes the
 * transformative properties authoritative and says the EXIF orientation is informative only, so applying it as well
 * would turn an iPhone portrait a second time. This differs from JPEG, where EXIF is the only orientation there is.
 *
 * <p>Colour: images are converted to 8-bit RGB by libheif (10- and 12-bit images are reduced to 8 bits); an alpha
 * channel is composed over white, as the other formats' transparency is.
 *
 * <p>Thread-safe: every call parses the upload into its own libheif context.
 */
public final class HeifCodec {
    /** The name the dynamic linker resolves to the system's libheif 1.x. */
    public static final String DEFAULT_LIBRARY = "libheif.so.1";

    /**
     * The oldest libheif this code was tested with, 1.15.1, as {@code heif_get_version_number} encodes it: one binary
     * byte each for major, minor and patch ({@code heif.h} calls it BCD, but its build writes plain binary).
     */
    static final int OLDEST_TESTED = 1 << 24 | 15 << 16 | 1 << 8;
    /** libheif 2 may change the structs bound here. */
    static final int FIRST_UNKNOWN_MAJOR = 2 << 24;

    /**
     * How much wider or taller than declared a coded picture may be: HEVC codes whole blocks of up to 64 x 64 and
     * crops after, and Debian's libheif 1.15.1 checks the coded size against the context's limit.
     */
    static final int CODING_MARGIN = 64;

    /** libheif's own tile threads: the service decodes several uploads at once on few cores, so two are enough. */
    static final int DECODING_THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());

    private static final Logger LOG = LoggerFactory.getLogger(HeifCodec.class);

    private final HeifFunctions functions;
    private final String version;

    private HeifCodec(HeifFunctions functions, String version) {
        this.functions = functions;
        this.version = version;
    }

    /** The system's libheif, loaded (and its status logged) once per process. */
    public static HeifAvailability shared() {
        return Shared.AVAILABILITY;
    }

    /** One line on the shared codec for health views: {@code libheif 1.15.1} or {@code unavailable: <reason>}. */
    public static String status() {
        return shared().status();
    }

    /**
     * Loads libheif from a library name the dynamic linker resolves, or a path. Never throws: a library that is
     * missing, is not libheif, is older than {@link #OLDEST_TESTED} or cannot be called because the JVM refuses native
     * access comes back as {@link HeifAvailability.Unavailable} with the reason.
     */
    public static HeifAvailability load(String libraryNameOrPath) {
        requireNonNull(libraryNameOrPath, "libraryNameOrPath is null");
        HeifFunctions functions;
        try {
            functions = new HeifFunctions(libraryNameOrPath);
        } catch (IllegalCallerException e) {
            return new HeifAvailability.Unavailable(
                    "native access refused; start Java with --enable-native-access=ALL-UNNAMED");
        } catch (IllegalArgumentException e) {
            return new HeifAvailability.Unavailable("cannot load " + libraryNameOrPath + " (" + e.getMessage() + ")");
        } catch (NoSuchElementException e) {
            return new HeifAvailability.Unavailable(
                    libraryNameOrPath + " is not libheif 1.15 or later: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return new HeifAvailability.Unavailable("cannot bind " + libraryNameOrPath + ": " + e);
        }
        return checkVersion(functions);
    }

    /** The library's version string, e.g. {@code 1.15.1}. */
    public String version() {
        return version;
    }

    /**
     * The pixel count of the primary image, from its {@code ispe} box after the container is parsed; no pixel is
     * decoded. May exceed what {@link #decode} yields when the image is cropped ({@code clap}).
     *
     * @throws HeifException {@link Kind#TOO_LARGE} beyond {@code maxPixels}, or why the container cannot be read
     */
    public long declaredPixels(byte[] bytes, long maxPixels) {
        try (HeifFile file = HeifFile.open(functions, bytes, Integer.MAX_VALUE)) {
            return DeclaredSize.of(file, maxPixels).pixels();
        }
    }

    /**
     * Decodes the primary image to upright BGR, named {@code HEIC} or {@code AVIF} by the file's brands.
     *
     * @throws HeifException why the upload is refused; only the caller's input causes it
     */
    public DecodedImage decode(byte[] bytes, long maxPixels) {
        String format = HeifBrand.sniff(bytes).map(HeifBrand::displayName).orElse("HEIF");
        // libheif's own limit stays open while parsing, so that the size check below words the refusal of a bomb.
        try (HeifFile file = HeifFile.open(functions, bytes, Integer.MAX_VALUE)) {
            DeclaredSize declared = DeclaredSize.of(file, maxPixels);
            file.limitSides((int) Math.min(Integer.MAX_VALUE, declared.longestSide() + CODING_MARGIN + 1L));
            file.decodingThreads(DECODING_THREADS);
            try (HeifImage image = file.decode(file.hasAlpha())) {
                int width = image.width();
                int height = image.height();
                declared.checkDecoded(width, height, maxPixels);
                return new DecodedImage(width, height, image.toBgr(width, height), format);
            }
        }
    }

    private static HeifAvailability checkVersion(HeifFunctions functions) {
        try {
            int number = (int) functions.getVersionNumber.invokeExact();
            String text = ((MemorySegment) functions.getVersion.invokeExact())
                    .reinterpret(64)
                    .getString(0);
            if (Integer.compareUnsigned(number, OLDEST_TESTED) < 0) {
                return new HeifAvailability.Unavailable("libheif " + text + " is older than 1.15.1, the oldest tested");
            }
            if (Integer.compareUnsigned(number, FIRST_UNKNOWN_MAJOR) >= 0) {
                return new HeifAvailability.Unavailable("libheif " + text + " is a major version not tested (1.x is)");
            }
            return new HeifAvailability.Available(new HeifCodec(functions, text));
        } catch (Throwable e) {
            return new HeifAvailability.Unavailable("cannot read the libheif version: " + e);
        }
    }

    private static final class Shared {
        static final HeifAvailability AVAILABILITY = loadAndLog();

        private static HeifAvailability loadAndLog() {
            HeifAvailability availability = load(DEFAULT_LIBRARY);
            switch (availability) {
                case HeifAvailability.Available available ->
                    LOG.info("HEIC and AVIF uploads are decoded with {}", available.status());
                case HeifAvailability.Unavailable unavailable ->
                    LOG.warn(
                            "HEIC and AVIF uploads will be refused: libheif is {} (Debian package libheif1)",
                            unavailable.status());
            }
            return availability;
        }
    }
}
