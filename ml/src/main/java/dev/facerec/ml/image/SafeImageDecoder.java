package dev.facerec.ml.image;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceException;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.image.ImageFormat;
import dev.facerec.ml.image.heif.HeifAvailability;
import dev.facerec.ml.image.heif.HeifCodec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

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

    private final long maxPixels;
    private final HeifDecoding heif;

    /**
     * With the system's libheif where it is installed.
     *
     * @param maxPixels the largest accepted width x height; the service default is 40 000 000
     */
    public SafeImageDecoder(long maxPixels) {
        this(maxPixels, HeifCodec.shared());
    }

    SafeImageDecoder(long maxPixels, HeifAvailability heif) {
        if (maxPixels < 1 || maxPixels > LARGEST_LIMIT) {
            throw new IllegalArgumentException("maxPixels must lie in [1, " + LARGEST_LIMIT + "]: " + maxPixels);
        }
        this.maxPixels = maxPixels;
        this.heif = new HeifDecoding(heif);
    }

    @Override
    public DecodedImage decode(byte[] bytes) {
        SupportedFormat format = formatOf(bytes);
        if (format.decodedByLibheif()) {
            return heif.decode(bytes, format, maxPixels);
        }
        BufferedImage image = read(bytes, format);
        byte[] bgr = guarded(format, () -> BgrConverter.toBgr(image));
        DecodedImage stored = new DecodedImage(image.getWidth(), image.getHeight(), bgr, format.displayName());
        return Orientation.upright(stored, ExifOrientation.read(bytes, format));
    }

    @Override
    public long declaredPixels(byte[] bytes) {
        SupportedFormat format = formatOf(bytes);
        if (format.decodedByLibheif()) {
            return heif.declaredPixels(bytes, format, maxPixels);
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
        return SupportedFormat.descriptions(heif.available());
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
