package dev.facerec.core.image;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns uploaded bytes into upright pixels, refusing anything unsafe before it costs memory. */
public interface ImageDecoder {
    /**
     * Decodes an image, identified by its content (never by a file name or declared content type), and applies its
     * EXIF orientation so that the result is upright. Animated formats yield their first frame; transparency is
     * composed over white.
     *
     * <p>The declared pixel count is read from the header and checked against the configured limit <em>before</em>
     * any pixel data is decoded, so a decompression bomb is refused at the cost of reading its header.
     *
     * <p>Thread-safe.
     *
     * @throws dev.facerec.core.FaceException {@code IMAGE_TOO_LARGE} if the image declares more pixels than allowed;
     *     {@code IMAGE_UNSUPPORTED} for a recognised but unsupported format (PDF, SVG, ...);
     *     {@code IMAGE_UNREADABLE} for empty, truncated, corrupt or unrecognised bytes
     */
    DecodedImage decode(byte[] bytes);

    /**
     * How many pixels {@link #decode} would produce from these bytes, read from the header alone without decoding a
     * pixel, so that a caller can set memory aside before it decodes. Cheap (a header is read, nothing is decoded);
     * thread-safe.
     *
     * @throws dev.facerec.core.FaceException as {@link #decode} does for bytes it refuses from the header (too large,
     *     unsupported, empty or unrecognised); damage past the header shows only when decoding
     */
    long declaredPixels(byte[] bytes);

    /** The formats {@link #decode} accepts, for clients to check before uploading. */
    List<ImageFormat> supportedFormats();

    /**
     * Which codec decodes each format, by format name, for health views: the accepted formats' decoders, and formats
     * refused only because a library is missing, with the reason.
     */
    default Map<String, String> decoders() {
        Map<String, String> decoders = new LinkedHashMap<>();
        supportedFormats().forEach(format -> decoders.put(format.name(), format.decoder()));
        return decoders;
    }
}
