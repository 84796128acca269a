package dev.facerec.ml.image;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.Locale;
import java.util.Map;

/** The decoder's refusals, worded for the person who uploaded the file. */
final class Rejections {
    private static final String WHAT_TO_UPLOAD = "Upload a JPEG, PNG, WebP, BMP, GIF or TIFF photo.";

    private Rejections() {}

    static FaceException empty() {
        return new FaceException(FaceErrorCode.IMAGE_UNREADABLE, "The file is empty. " + WHAT_TO_UPLOAD);
    }

    static FaceException unrecognised() {
        return new FaceException(
                FaceErrorCode.IMAGE_UNREADABLE, "The file is not an image in a format we recognise. " + WHAT_TO_UPLOAD);
    }

    static FaceException unsupported(String description) {
        return new FaceException(
                FaceErrorCode.IMAGE_UNSUPPORTED,
                "The file is " + description + ", not a supported image. " + WHAT_TO_UPLOAD,
                Map.of("detected", description));
    }

    /** A format the service decodes only with a native library that this server lacks. */
    static FaceException withoutCodec(SupportedFormat format, String library) {
        return new FaceException(
                FaceErrorCode.IMAGE_UNSUPPORTED,
                "The file is " + anImage(format) + ", which this server cannot decode: it was installed without "
                        + library + ". " + WHAT_TO_UPLOAD,
                Map.of("detected", anImage(format), "format", format.displayName()));
    }

    static FaceException corrupt(SupportedFormat format, Throwable cause) {
        return new FaceException(
                FaceErrorCode.IMAGE_UNREADABLE,
                "The file looks like " + anImage(format) + " but could not be decoded: it is damaged or"
                        + " incomplete. Upload the original file again.",
                Map.of("format", format.displayName()),
                cause);
    }

    static FaceException truncated(SupportedFormat format) {
        return new FaceException(
                FaceErrorCode.IMAGE_UNREADABLE,
                "The " + format.displayName() + " image is incomplete: the file ends before the picture does, as"
                        + " after an interrupted upload or copy. Upload the complete file again.",
                Map.of("format", format.displayName()));
    }

    static FaceException noPixels(SupportedFormat format, int width, int height) {
        return new FaceException(
                FaceErrorCode.IMAGE_UNREADABLE,
                "The " + format.displayName() + " image declares " + width + " x " + height
                        + " pixels, so there is nothing to look at. Upload a real photo.",
                Map.of("format", format.displayName(), "width", width, "height", height));
    }

    static FaceException tooLarge(int width, int height, long maxPixels) {
        return new FaceException(
                FaceErrorCode.IMAGE_TOO_LARGE,
                String.format(
                        Locale.ROOT,
                        "The image declares %d x %d pixels (%.1f megapixels); the limit is %.1f megapixels."
                                + " Resize it and try again.",
                        width,
                        height,
                        (long) width * height / 1e6,
                        maxPixels / 1e6),
                Map.of("width", width, "height", height, "maxPixels", maxPixels));
    }

    /** {@code a JPEG image}, {@code an AVIF image}. */
    static String anImage(SupportedFormat format) {
        String name = format.displayName();
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name + " image";
    }
}
