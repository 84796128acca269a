package dev.facerec.tools.compreface;

/**
 * A failure that ends the import: a refused key, a gallery that does not exist, a source that cannot be listed. What
 * goes wrong with one image is not this; it is counted in the summary and the import goes on.
 */
final class ImportFailure extends Exception {
    ImportFailure(String message) {
        super(message);
    }

    ImportFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
