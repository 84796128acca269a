package dev.facerec.core;

/** Rethrowing what another thread or a native call threw, without wrapping what needs no wrapping. */
public final class Unchecked {
    private Unchecked() {}

    /**
     * {@code cause} to throw again: an unchecked exception as it is, an error thrown here at once, a checked exception
     * wrapped in an {@link IllegalStateException}. It returns the exception rather than throwing it, so that the caller
     * writes {@code throw Unchecked.rethrown(e)} and the compiler sees the path end.
     */
    public static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
