package dev.facerec.core.image;

import dev.facerec.core.face.BoundingBox;
import java.util.Optional;

/**
 * A second, finer look at part of a picture that was decoded at a reduced scale: detection needs only a few
 * megapixels, but a small face needs every source pixel for its embedding. Offered by decoders that can decode a
 * region, or decode at a larger scale, for less than a full decode.
 */
@FunctionalInterface
public interface FinerPixels {
    /** For pictures decoded in full or by a decoder without a finer look. */
    FinerPixels NONE = (area, scale) -> Optional.empty();

    /**
     * The pixels of at least {@code area} (source coordinates, clipped to the picture) at a scale of at least {@code
     * scale} where the source allows it (capped at 1), upright, with a {@link Placement} that says where they lie.
     * Empty when the decoder cannot look closer. Thread-safe.
     *
     * @throws dev.facerec.core.FaceException as {@link ImageDecoder#decode} for data that fails only when decoded
     *     again (which the first decode would normally have shown)
     */
    Optional<DecodedImage> region(BoundingBox area, float scale);
}
