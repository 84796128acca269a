package dev.facerec.ml.image.heif;

import static java.util.Objects.requireNonNull;

/**
 * Why {@link HeifCodec} refused an upload; every case is the uploader's, never the server's. The message is technical
 * (libheif's own words where it gave some) and meant for logs; callers word their answer from {@link #kind()}.
 */
public final class HeifException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The categories a caller answers differently. */
    public enum Kind {
        /** More pixels than the caller allows; {@link #width()} and {@link #height()} say how many. */
        TOO_LARGE,
        /** The file ends before the data it declares. */
        TRUNCATED,
        /** A zero or negative size; {@link #width()} and {@link #height()} say which. */
        NO_PIXELS,
        /** Damaged or inconsistent: the header lies, the coded data is broken, or a box is malformed. */
        DAMAGED,
        /** Valid HEIF that uses a codec or feature libheif cannot decode here. */
        UNSUPPORTED
    }

    private final Kind kind;
    private final int width;
    private final int height;

    HeifException(Kind kind, String message) {
        this(kind, message, 0, 0);
    }

    HeifException(Kind kind, String message, int width, int height) {
        super(message);
        this.kind = requireNonNull(kind, "kind is null");
        this.width = width;
        this.height = height;
    }

    public Kind kind() {
        return kind;
    }

    /** The width the file declares, for {@link Kind#TOO_LARGE} and {@link Kind#NO_PIXELS}; otherwise 0. */
    public int width() {
        return width;
    }

    /** The height the file declares, for {@link Kind#TOO_LARGE} and {@link Kind#NO_PIXELS}; otherwise 0. */
    public int height() {
        return height;
    }
}
