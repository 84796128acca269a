package dev.facerec.ml.image;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.FinerPixels;
import dev.facerec.core.image.Placement;
import dev.facerec.ml.image.turbo.TurboJpeg;
import dev.facerec.ml.image.turbo.TurboJpegException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes JPEGs with libjpeg-turbo at the smallest DCT scale (1/2, 1/4, 1/8) whose long side still covers {@code coverSide}
 * (the detector's largest input side): a 14 MP phone photo is decoded at 1/2, with a quarter of the pixels and no
 * resampling after. Where a small face needs more detail than that scale holds, {@link FinerPixels} crops the region
 * losslessly and decodes it at a finer scale.
 *
 * <p>Returns empty wherever TurboJPEG cannot decode the file (CMYK or YCCK colour, unusual subsampling, a fatal codec
 * error): the caller then decodes with ImageIO, which either succeeds or decides how the file is refused, so every
 * refusal stays what it was before this decoder existed. The pixel limit and the truncation rule are the caller's,
 * applied before this decoder runs.
 */
final class ScaledJpegDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(ScaledJpegDecoder.class);

    private final TurboJpeg codec;
    private final int coverSide;

    ScaledJpegDecoder(TurboJpeg codec, int coverSide) {
        this.codec = requireNonNull(codec, "codec is null");
        if (coverSide < 1) {
            throw new IllegalArgumentException("coverSide must be positive: " + coverSide);
        }
        this.coverSide = coverSide;
    }

    /** The header, when TurboJPEG can decode this file to BGR. */
    Optional<TurboJpeg.Header> header(byte[] bytes) {
        try {
            TurboJpeg.Header header = codec.header(bytes);
            return header.convertsToBgr() ? Optional.of(header) : Optional.empty();
        } catch (TurboJpegException e) {
            return Optional.empty();
        }
    }

    /** The factor {@link #decode} uses: the smallest whose long side still covers {@code coverSide}. */
    TurboJpeg.ScalingFactor factorFor(TurboJpeg.Header header) {
        int longSide = Math.max(header.width(), header.height());
        return smallestAtLeast(f -> f.scale(longSide) >= Math.min(coverSide, longSide));
    }

    /** The upright picture at {@link #factorFor} its header, or empty for ImageIO to decide. */
    Optional<DecodedImage> decode(byte[] bytes, TurboJpeg.Header header) {
        TurboJpeg.ScalingFactor factor = factorFor(header);
        TurboJpeg.Pixels pixels;
        try {
            pixels = codec.decodeBgr(bytes, header, factor);
        } catch (TurboJpegException e) {
            return Optional.empty();
        }
        int orientation = ExifOrientation.read(bytes, SupportedFormat.JPEG);
        DecodedImage upright = Orientation.upright(
                new DecodedImage(pixels.width(), pixels.height(), pixels.bgr(), SupportedFormat.JPEG.displayName()),
                orientation);
        if (factor.num() == factor.denom()) {
            return Optional.of(upright);
        }
        boolean turned = orientation >= 5;
        int sourceWidth = turned ? header.height() : header.width();
        int sourceHeight = turned ? header.width() : header.height();
        Placement placement = new Placement(
                sourceWidth,
                sourceHeight,
                gridOffset(reversesX(orientation), sourceWidth, factor),
                gridOffset(reversesY(orientation), sourceHeight, factor),
                factor.value());
        return Optional.of(new DecodedImage(
                upright.width(),
                upright.height(),
                upright.bgr(),
                upright.format(),
                placement,
                new Region(bytes, header, orientation)));
    }

    /**
     * Where the scaled pixel grid starts along an upright axis of {@code length} source pixels. A DCT scale samples
     * whole blocks from the stored image's first column or row, with a partial block last; when orientation reverses
     * the axis that partial block comes first, and the grid starts before 0 by the part of it that lies outside.
     */
    static float gridOffset(boolean reversed, int length, TurboJpeg.ScalingFactor factor) {
        return reversed ? length - factor.scale(length) / factor.value() : 0;
    }

    /** Whether the upright x axis runs against the stored axis it comes from (EXIF orientations 2, 3, 6, 7). */
    static boolean reversesX(int orientation) {
        return orientation == 2 || orientation == 3 || orientation == 6 || orientation == 7;
    }

    /** Whether the upright y axis runs against the stored axis it comes from (EXIF orientations 3, 4, 7, 8). */
    static boolean reversesY(int orientation) {
        return orientation == 3 || orientation == 4 || orientation == 7 || orientation == 8;
    }

    private TurboJpeg.ScalingFactor smallestAtLeast(Predicate<TurboJpeg.ScalingFactor> enough) {
        List<TurboJpeg.ScalingFactor> factors = codec.scalingFactors();
        TurboJpeg.ScalingFactor chosen = null;
        for (TurboJpeg.ScalingFactor factor : factors) {
            // Largest first: keep the last that is still enough. Only 1, 1/2, 1/4 and 1/8: libjpeg-turbo's SIMD
            // code covers those, and its other scales (3/8, 7/8, ...) decode slower than a full decode.
            if ((factor.num() == 1 || factor.num() == factor.denom()) && enough.test(factor)) {
                chosen = factor;
            }
        }
        return chosen != null ? chosen : new TurboJpeg.ScalingFactor(1, 1);
    }

    /** A finer look at a region: a lossless crop on the MCU grid, decoded at the scale asked for. */
    private final class Region implements FinerPixels {
        private final byte[] bytes;
        private final TurboJpeg.Header header;
        private final int orientation;

        Region(byte[] bytes, TurboJpeg.Header header, int orientation) {
            this.bytes = bytes;
            this.header = header;
            this.orientation = orientation;
        }

        @Override
        public Optional<DecodedImage> region(BoundingBox area, float scale) {
            TurboJpeg.ScalingFactor factor = smallestAtLeast(f -> f.value() >= Math.min(1f, scale));
            boolean turned = orientation >= 5;
            int uprightWidth = turned ? header.height() : header.width();
            int uprightHeight = turned ? header.width() : header.height();
            int u0 = clamp((int) Math.floor(area.x()), uprightWidth - 1);
            int v0 = clamp((int) Math.floor(area.y()), uprightHeight - 1);
            int u1 = Math.max(u0 + 1, clamp((int) Math.ceil(area.x() + area.width()), uprightWidth));
            int v1 = Math.max(v0 + 1, clamp((int) Math.ceil(area.y() + area.height()), uprightHeight));
            int[] stored = Orientation.storedRectangle(orientation, header.width(), header.height(), u0, v0, u1, v1);
            int x0 = stored[0] / header.mcuWidth() * header.mcuWidth();
            int y0 = stored[1] / header.mcuHeight() * header.mcuHeight();
            int x1 = stored[2];
            int y1 = stored[3];
            try {
                byte[] crop = codec.crop(bytes, x0, y0, x1 - x0, y1 - y0);
                TurboJpeg.Header cropHeader = codec.header(crop);
                TurboJpeg.Pixels pixels = codec.decodeBgr(crop, cropHeader, factor);
                DecodedImage upright = Orientation.upright(
                        new DecodedImage(
                                pixels.width(), pixels.height(), pixels.bgr(), SupportedFormat.JPEG.displayName()),
                        orientation);
                int[] placed = Orientation.uprightRectangle(
                        orientation,
                        header.width(),
                        header.height(),
                        x0,
                        y0,
                        x0 + cropHeader.width(),
                        y0 + cropHeader.height());
                Placement placement = new Placement(uprightWidth, uprightHeight, placed[0], placed[1], factor.value());
                return Optional.of(new DecodedImage(
                        upright.width(), upright.height(), upright.bgr(), upright.format(), placement, NONE));
            } catch (TurboJpegException | RuntimeException e) {
                // The first decode succeeded, so this is unexpected; the coarser pixels still serve.
                LOG.warn("A finer decode of a JPEG region failed; using the reduced decode: {}", e.getMessage());
                return Optional.empty();
            }
        }

        private static int clamp(int value, int max) {
            return Math.max(0, Math.min(max, value));
        }
    }
}
