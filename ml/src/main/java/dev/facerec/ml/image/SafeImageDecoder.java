package dev.facerec.ml.image;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceException;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.image.ImageFormat;
import dev.facerec.ml.image.heif.HeifAvailability;
import dev.facerec.ml.image.heif.HeifCodec;
import dev.facerec.ml.image.turbo.TurboJpeg;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes untrusted uploads with ImageIO (TwelveMonkeys for JPEG, WebP and TIFF; the JDK for PNG, BMP and GIF).
 *
 * <p>Policies:
 *
 * <ul>
 *   <li>The format is identified by signature bytes; only JPEG, PNG, WebP, BMP, GIF, TIFF, HEIC and AVIF reach a
 *       codec. PDF, PostScript, SVG, HTML, XML, JPEG XL, JPEG 2000 and Photoshop files are named and refused as
 *       {@code IMAGE_UNSUPPORTED}; empty or unrecognised bytes are {@code IMAGE_UNREADABLE}.
 *   <li>HEIC and AVIF go to libheif ({@link HeifCodec}, its own policies there); on a server without libheif they are
 *       refused as {@code IMAGE_UNSUPPORTED}, saying so, and {@link #supportedFormats()} leaves them out.
 *   <li>Width and height come from the header alone; more than {@code maxPixels} is {@code IMAGE_TOO_LARGE} before any
 *       pixel is decoded, so a decompression bomb costs the few bytes of its header.
 *   <li>A JPEG that ends before its end-of-image marker (a truncated upload) is refused as {@code IMAGE_UNREADABLE},
 *       although the codec would fill the missing rows with gray: a face in the lost part would go unseen. A JPEG
 *       whose scan data is damaged but complete is decoded as the codec best can, as most viewers do. A WebP file
 *       shorter than its RIFF container declares is refused likewise (the lossless codec reads missing bytes as
 *       zeros). Truncated PNG, GIF, BMP and TIFF files fail inside their codecs and are refused the same way.
 *   <li>An animated GIF yields its first frame, a multi-page TIFF its first page; transparency is composed over
 *       white; the EXIF orientation (JPEG, TIFF, WebP, PNG eXIf) is applied. A 1 x 1 image is valid.
 *   <li>Every codec failure (IOException, RuntimeException, stack or heap exhaustion) becomes a {@code FaceException}.
 * </ul>
 *
 *
 * <p>With libjpeg-turbo installed ({@link #withNativeCodecs}), JPEGs are decoded natively at the smallest DCT scale
 * that still covers the detector's input, with a finer look at small faces' regions (see {@link ScaledJpegDecoder});
 * the same limits and refusals apply, and a JPEG the native codec cannot decode goes to ImageIO, which decides.
 *
 * <p>Thread-safe: each call uses its own reader and stream.
 */
public final class SafeImageDecoder implements ImageDecoder {
    /** The BGR array must fit one Java array. */
    private static final long LARGEST_LIMIT = Integer.MAX_VALUE / 3;

    static {
        // In a Spring Boot fat jar the service loader may not have seen the TwelveMonkeys readers when ImageIO first
        // initialised; scanning again registers them. Uploads live in memory, so the disk cache only costs I/O.
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SafeImageDecoder.class);

    private final long maxPixels;
    private final ScaledJpegDecoder jpeg;
    private final String jpegDecoder;
    private final HeifDecoding heif;

    /**
     * JPEGs with ImageIO; HEIC and AVIF with the system's libheif where it is installed.
     *
     * @param maxPixels the largest accepted width x height; the service default is 40 000 000
     */
    public SafeImageDecoder(long maxPixels) {
        this(maxPixels, null, ImageFormat.IMAGE_IO, HeifCodec.shared());
    }

    SafeImageDecoder(long maxPixels, HeifAvailability heif) {
        this(maxPixels, null, ImageFormat.IMAGE_IO, heif);
    }

    private SafeImageDecoder(long maxPixels, ScaledJpegDecoder jpeg, String jpegDecoder, HeifAvailability heif) {
        if (maxPixels < 1 || maxPixels > LARGEST_LIMIT) {
            throw new IllegalArgumentException("maxPixels must lie in [1, " + LARGEST_LIMIT + "]: " + maxPixels);
        }
        this.maxPixels = maxPixels;
        this.jpeg = jpeg;
        this.jpegDecoder = jpegDecoder;
        this.heif = new HeifDecoding(heif);
    }

    /** Every format on ImageIO and no native code at all ({@code IMAGE_NATIVE_CODECS=false}): HEIC and AVIF refused. */
    public static SafeImageDecoder withoutNativeCodecs(long maxPixels) {
        LOG.info("Image decoding without native libraries (IMAGE_NATIVE_CODECS=false): JPEGs on ImageIO, HEIC and AVIF"
                + " refused");
        return new SafeImageDecoder(
                maxPixels,
                null,
                ImageFormat.IMAGE_IO + "; native codecs are off (IMAGE_NATIVE_CODECS=false)",
                new HeifAvailability.Unavailable("native codecs are off (IMAGE_NATIVE_CODECS=false)"));
    }

    /**
     * Decodes JPEGs with libjpeg-turbo where {@code library} can be loaded, at the smallest DCT scale whose long side
     * still covers {@code coverSide} pixels, and HEIC and AVIF with libheif where it is installed; says once in the
     * log which decoder JPEGs get, and why.
     *
     * @param library the TurboJPEG library, usually {@link TurboJpeg#LIBRARY}
     */
    public static SafeImageDecoder withNativeCodecs(long maxPixels, int coverSide, String library) {
        return switch (TurboJpeg.load(library)) {
            case TurboJpeg.Loaded.Available available -> {
                LOG.info("JPEG decoding: libjpeg-turbo ({}), at the DCT scale that covers {} px", library, coverSide);
                yield new SafeImageDecoder(
                        maxPixels,
                        new ScaledJpegDecoder(available.codec(), coverSide),
                        "libjpeg-turbo (native, " + library + "), decoded at the scale detection needs",
                        HeifCodec.shared());
            }
            case TurboJpeg.Loaded.Unavailable unavailable -> {
                LOG.warn(
                        "JPEG decoding: ImageIO, slower on large photos, because {}. Install libturbojpeg0 for"
                                + " faster decoding.",
                        unavailable.reason());
                yield new SafeImageDecoder(
                        maxPixels,
                        null,
                        ImageFormat.IMAGE_IO + "; libjpeg-turbo unavailable: " + unavailable.reason(),
                        HeifCodec.shared());
            }
        };
    }

    @Override
    public DecodedImage decode(byte[] bytes) {
        SupportedFormat format = formatOf(bytes);
        if (format.decodedByLibheif()) {
            return heif.decode(bytes, format, maxPixels);
        }
        if (format == SupportedFormat.JPEG && jpeg != null) {
            Optional<DecodedImage> decoded = decodeNatively(bytes);
            if (decoded.isPresent()) {
                return decoded.get();
            }
        }
        BufferedImage image = read(bytes, format);
        byte[] bgr = guarded(format, () -> BgrConverter.toBgr(image));
        DecodedImage stored = new DecodedImage(image.getWidth(), image.getHeight(), bgr, format.displayName());
        return Orientation.upright(stored, ExifOrientation.read(bytes, format));
    }

    /** The native decode, or empty for ImageIO to decode or refuse. Limits and truncation are checked first. */
    private Optional<DecodedImage> decodeNatively(byte[] bytes) {
        Optional<TurboJpeg.Header> header = jpeg.header(bytes);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        checkSize(SupportedFormat.JPEG, header.get().width(), header.get().height());
        if (!isComplete(SupportedFormat.JPEG, bytes)) {
            throw Rejections.truncated(SupportedFormat.JPEG);
        }
        return jpeg.decode(bytes, header.get());
    }

    /** The pixels {@link #decode} makes: a JPEG decoded at a reduced scale makes fewer than its header declares. */
    @Override
    public long declaredPixels(byte[] bytes) {
        SupportedFormat format = formatOf(bytes);
        if (format.decodedByLibheif()) {
            return heif.declaredPixels(bytes, format, maxPixels);
        }
        if (format == SupportedFormat.JPEG && jpeg != null) {
            Optional<TurboJpeg.Header> header = jpeg.header(bytes);
            if (header.isPresent()) {
                checkSize(format, header.get().width(), header.get().height());
                TurboJpeg.ScalingFactor factor = jpeg.factorFor(header.get());
                return (long) factor.scale(header.get().width())
                        * factor.scale(header.get().height());
            }
        }
        ImageReader reader = readerFor(format);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            return checkSize(
                    format, guarded(format, () -> reader.getWidth(0)), guarded(format, () -> reader.getHeight(0)));
        } catch (IOException e) {
            throw Rejections.corrupt(format, e);
        } finally {
            reader.dispose();
        }
    }

    @Override
    public List<ImageFormat> supportedFormats() {
        return SupportedFormat.descriptions(heif.available()).stream()
                .map(format -> {
                    if (format.name().equals(SupportedFormat.JPEG.displayName())) {
                        return format.withDecoder(jpegDecoder);
                    }
                    boolean heifFormat = format.name().equals(SupportedFormat.HEIC.displayName())
                            || format.name().equals(SupportedFormat.AVIF.displayName());
                    return heifFormat ? format.withDecoder(heif.status() + " (native)") : format;
                })
                .toList();
    }

    /** Each format's decoder, HEIC and AVIF included where libheif is missing (with the reason). */
    @Override
    public Map<String, String> decoders() {
        Map<String, String> decoders = new LinkedHashMap<>(ImageDecoder.super.decoders());
        if (!heif.available()) {
            decoders.put("HEIC, AVIF", heif.status());
        }
        return decoders;
    }

    private static SupportedFormat formatOf(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        if (bytes.length == 0) {
            throw Rejections.empty();
        }
        return SupportedFormat.sniff(bytes)
                .orElseThrow(() -> ForeignContent.describe(bytes)
                        .map(Rejections::unsupported)
                        .orElseGet(Rejections::unrecognised));
    }

    private BufferedImage read(byte[] bytes, SupportedFormat format) {
        ImageReader reader = readerFor(format);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            // Forward-only and without metadata: the reader keeps nothing it does not need for the first image.
            reader.setInput(input, true, true);
            checkSize(format, guarded(format, () -> reader.getWidth(0)), guarded(format, () -> reader.getHeight(0)));
            if (!isComplete(format, bytes)) {
                throw Rejections.truncated(format);
            }
            BufferedImage image = guarded(format, () -> reader.read(0));
            // A codec that ignored its own header must not slip past the limit.
            checkSize(format, image.getWidth(), image.getHeight());
            return image;
        } catch (IOException e) {
            // Only closing an in-memory stream can get here; the image was read by then.
            throw Rejections.corrupt(format, e);
        } finally {
            reader.dispose();
        }
    }

    /** The pixel count, when it lies within the limit. */
    private long checkSize(SupportedFormat format, int width, int height) {
        if (width < 1 || height < 1) {
            throw Rejections.noPixels(format, width, height);
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw Rejections.tooLarge(width, height, maxPixels);
        }
        return pixels;
    }

    /**
     * Whether the container holds all the data it declares, for the formats whose codecs decode a cut-short file
     * without an error; the others fail inside their codecs.
     */
    private static boolean isComplete(SupportedFormat format, byte[] bytes) {
        return switch (format) {
            case JPEG -> JpegStructure.reachesEndOfImage(bytes);
            case WEBP -> WebpStructure.isComplete(bytes);
            case PNG, BMP, GIF, TIFF -> true;
            case HEIC, AVIF -> throw new IllegalStateException("libheif checks its own files");
        };
    }

    private static ImageReader readerFor(SupportedFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            // A packaging fault, not the caller's: let it surface as a server error.
            throw new IllegalStateException("no ImageIO reader registered for " + format.imageIoName());
        }
        return readers.next();
    }

    /** Runs a codec step, turning whatever the codec throws on hostile bytes into the caller's error. */
    private static <T> T guarded(SupportedFormat format, CodecStep<T> step) {
        try {
            return step.run();
        } catch (FaceException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // A heap failure here is one oversized buffer a malformed header asked for (the pixel limit bounds honest
            // images); it was never allocated, so the process is unharmed.
            throw Rejections.corrupt(format, e);
        }
    }

    @FunctionalInterface
    private interface CodecStep<T> {
        T run() throws IOException;
    }
}
