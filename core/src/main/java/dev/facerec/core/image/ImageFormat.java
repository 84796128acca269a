package dev.facerec.core.image;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A supported image format as clients see it.
 *
 * @param name short name, e.g. {@code JPEG}
 * @param mediaType the IANA media type, e.g. {@code image/jpeg}
 * @param extensions usual file extensions without the dot
 * @param notes what is supported within the format (variants, animation, orientation)
 * @param decoder which codec decodes it on this server, e.g. {@code libjpeg-turbo 2.1 (native)}, and why not the
 *     faster one where a native library is missing
 */
public record ImageFormat(String name, String mediaType, List<String> extensions, String notes, String decoder) {
    /** The decoder of formats that only the JDK's ImageIO (with its plug-ins) reads. */
    public static final String IMAGE_IO = "ImageIO (Java)";

    public ImageFormat {
        requireNonNull(name, "name is null");
        requireNonNull(mediaType, "mediaType is null");
        extensions = List.copyOf(requireNonNull(extensions, "extensions is null"));
        requireNonNull(notes, "notes is null");
        requireNonNull(decoder, "decoder is null");
    }

    /** A format decoded by ImageIO. */
    public ImageFormat(String name, String mediaType, List<String> extensions, String notes) {
        this(name, mediaType, extensions, notes, IMAGE_IO);
    }

    public ImageFormat withDecoder(String decoder) {
        return new ImageFormat(name, mediaType, extensions, notes, decoder);
    }
}
