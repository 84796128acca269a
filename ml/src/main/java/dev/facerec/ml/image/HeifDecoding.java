package dev.facerec.ml.image;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceException;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.image.heif.HeifAvailability;
import dev.facerec.ml.image.heif.HeifCodec;
import dev.facerec.ml.image.heif.HeifException;

/**
 * Hands HEIC and AVIF uploads to libheif when it is loaded, and words its refusals as the other formats' are. Without
 * libheif both formats are refused as {@code IMAGE_UNSUPPORTED}, saying that the server lacks it.
 */
final class HeifDecoding {
    private final HeifAvailability availability;

    HeifDecoding(HeifAvailability availability) {
        this.availability = requireNonNull(availability, "availability is null");
    }

    boolean available() {
        return availability instanceof HeifAvailability.Available;
    }

    /** {@code libheif 1.15.1}, or {@code unavailable: <reason>}. */
    String status() {
        return availability.status();
    }

    DecodedImage decode(byte[] bytes, SupportedFormat format, long maxPixels) {
        HeifCodec codec = codec(format);
        try {
            return codec.decode(bytes, maxPixels);
        } catch (HeifException e) {
            throw rejection(format, e, maxPixels);
        }
    }

    long declaredPixels(byte[] bytes, SupportedFormat format, long maxPixels) {
        HeifCodec codec = codec(format);
        try {
            return codec.declaredPixels(bytes, maxPixels);
        } catch (HeifException e) {
            throw rejection(format, e, maxPixels);
        }
    }

    private HeifCodec codec(SupportedFormat format) {
        return switch (availability) {
            case HeifAvailability.Available available -> available.codec();
            case HeifAvailability.Unavailable unavailable -> throw Rejections.withoutCodec(format, "libheif");
        };
    }

    private static FaceException rejection(SupportedFormat format, HeifException e, long maxPixels) {
        return switch (e.kind()) {
            case TOO_LARGE -> Rejections.tooLarge(e.width(), e.height(), maxPixels);
            case TRUNCATED -> Rejections.truncated(format);
            case NO_PIXELS -> Rejections.noPixels(format, e.width(), e.height());
            case DAMAGED -> Rejections.corrupt(format, e);
            case UNSUPPORTED ->
                Rejections.unsupported(Rejections.anImage(format) + " coded in a way this server cannot decode");
        };
    }
}
