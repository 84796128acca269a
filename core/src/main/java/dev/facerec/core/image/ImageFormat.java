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
 */
public record ImageFormat(String name, String mediaType, List<String> extensions, String notes) {
    public ImageFormat {
        requireNonNull(name, "name is null");
        requireNonNull(mediaType, "mediaType is null");
        extensions = List.copyOf(requireNonNull(extensions, "extensions is null"));
        requireNonNull(notes, "notes is null");
    }
}
