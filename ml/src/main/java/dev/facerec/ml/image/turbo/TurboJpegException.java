package dev.facerec.ml.image.turbo;

/**
 * TurboJPEG refused a file. {@code warning} is true for a recoverable problem (damaged scan data decoded as well as
 * possible), false for a fatal one.
 */
public final class TurboJpegException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean warning;

    public TurboJpegException(String message, boolean warning) {
        super(message);
        this.warning = warning;
    }

    public boolean warning() {
        return warning;
    }
}
