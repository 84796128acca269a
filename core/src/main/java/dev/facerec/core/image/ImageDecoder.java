package dev.facerec.core.image;

import java.util.List;

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

    /** The formats {@link #decode} accepts, for clients to check before uploading. */
    List<ImageFormat> supportedFormats();
}
