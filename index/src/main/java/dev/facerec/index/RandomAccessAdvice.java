package dev.facerec.index;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operating system that a mapped vector file is read at random ({@code madvise(MADV_RANDOM)}), so that a
 * re-ranked row missing from the page cache costs one page read, not a read-ahead window.
 *
 * <p>Without it Linux reads {@code read_ahead_kb} around every fault on a mapped file: 8 MiB on this project's test
 * machine's disk. With a million faces and the whole process held to 1 GB (so most of the 2 GiB file was out of RAM),
 * searches took 866 ms (p50) without the advice and 17-20 ms with it ({@code make bench-identify --reference off},
 * docs/deployment.md), as each of the 128 re-ranked rows pulled megabytes in and pushed other rows out.
 *
 * <p>Where {@code madvise} cannot be called (no such function, or a JVM that refuses native access) the file works the
 * same, only without the advice; the first failure is logged once.
 */
final class RandomAccessAdvice {
    private static final Logger LOG = LoggerFactory.getLogger(RandomAccessAdvice.class);
    /** {@code MADV_RANDOM}: 1 on Linux and the BSDs, macOS included. */
    private static final int MADV_RANDOM = 1;

    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final Optional<MethodHandle> MADVISE = lookup();

    private RandomAccessAdvice() {}

    /** True if the advice was taken for the whole {@code segment} (a mapping, starting on a page boundary). */
    static boolean apply(MemorySegment segment) {
        if (MADVISE.isEmpty()) {
            return false;
        }
        try {
            int result = (int) MADVISE.get().invokeExact(segment, segment.byteSize(), MADV_RANDOM);
            if (result != 0) {
                warnOnce("madvise returned " + result);
            }
            return result == 0;
        } catch (Throwable e) {
            warnOnce(e.toString());
            return false;
        }
    }

    private static void warnOnce(String reason) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn(
                    "Gallery index: cannot advise the vector files of random access ({}); a search that misses the"
                            + " page cache will read ahead more than it needs",
                    reason);
        }
    }

    private static Optional<MethodHandle> lookup() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup()
                    .find("madvise")
                    .map(address -> linker.downcallHandle(
                            address,
                            FunctionDescriptor.of(
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.ADDRESS,
                                    ValueLayout.JAVA_LONG,
                                    ValueLayout.JAVA_INT)));
        } catch (RuntimeException | LinkageError e) {
            warnOnce(e.toString());
            return Optional.empty();
        }
    }
}
