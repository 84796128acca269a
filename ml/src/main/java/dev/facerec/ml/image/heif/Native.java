package dev.facerec.ml.image.heif;

import dev.facerec.core.Unchecked;

/** Calls through FFM method handles, whose {@code invokeExact} declares {@code Throwable}. */
final class Native {
    private Native() {}

    @FunctionalInterface
    interface IntCall {
        int call() throws Throwable;
    }

    @FunctionalInterface
    /** Use a block lambda: an expression lambda makes {@code invokeExact} expect an {@code Object} result. */
    interface VoidCall {
        void call() throws Throwable;
    }

    static int callInt(IntCall call) {
        try {
            return call.call();
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static void run(VoidCall call) {
        try {
            call.call();
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * Unchecked exceptions and errors pass as they are; a checked one (which a downcall cannot throw) is wrapped. Returns
     * an exception for the caller to throw, so that the compiler sees the path end.
     */
    static RuntimeException rethrow(Throwable e) {
        return Unchecked.rethrown(e);
    }
}
