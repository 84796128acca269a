package dev.facerec.api.http.load;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.RequestDeadline;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The memory, in bytes, that decoded images may hold at once across all requests. A request sets an image's share
 * aside before decoding it (the header's pixel count at {@link #BYTES_PER_PIXEL} bytes each) and gives it back when it
 * no longer holds the pixels ({@link RequestWork}). A slot count would not do: one 40-megapixel image takes as much as
 * a hundred phone photos.
 *
 * <p>A request that cannot get its share within the configured wait, or before its deadline, is refused with {@code
 * UNAVAILABLE} (503 with {@code Retry-After}) instead of queueing without end; past its deadline, with {@code
 * REQUEST_TIMEOUT}. Shares are granted in the order requests asked for them, so a stream of small images does not
 * starve a large one. A share larger than the whole budget is cut to the whole budget: an image within {@code
 * IMAGE_MAX_PIXELS} always gets its turn, alone.
 */
final class DecodeMemoryBudget {
    /**
     * What one pixel costs while a request holds it: up to 4 bytes in the codec's raster (RGBA at 8 bits, the widest
     * common layout), 3 in the BGR copy the pipeline works on, and 3 in an upright copy when the EXIF orientation
     * turns the picture.
     */
    static final long BYTES_PER_PIXEL = 10;

    /** The semaphore counts kibibytes, so that budgets past 2 GiB fit its int. */
    private static final long UNIT = 1024;

    private final Semaphore units;
    private final int capacityUnits;
    private final Duration wait;
    private final LongAdder refusals = new LongAdder();

    DecodeMemoryBudget(long capacityBytes, Duration wait) {
        if (capacityBytes < 1) {
            throw new IllegalArgumentException("capacityBytes must be positive: " + capacityBytes);
        }
        this.capacityUnits = (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(capacityBytes, UNIT));
        this.units = new Semaphore(capacityUnits, true);
        this.wait = wait;
    }

    /** The share of an image of {@code pixels} pixels. */
    static long bytesFor(long pixels) {
        return Math.multiplyExact(pixels, BYTES_PER_PIXEL);
    }

    /**
     * Sets {@code bytes} aside, waiting at most the configured wait and never past the request's deadline.
     *
     * @throws FaceException {@code UNAVAILABLE} with {@code retryAfterSeconds} when the budget stays taken, {@code
     *     REQUEST_TIMEOUT} when the request's deadline passed first
     */
    Share reserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        int wanted = (int) Math.min(capacityUnits, Math.ceilDiv(bytes, UNIT));
        RequestDeadline.check();
        boolean granted;
        try {
            granted = units.tryAcquire(wanted, RequestDeadline.boundWait(wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceException(FaceErrorCode.UNAVAILABLE, "The request was cancelled while waiting to decode.");
        }
        if (!granted) {
            refusals.increment();
            // A wait cut short by the deadline has outlasted it: this throws REQUEST_TIMEOUT.
            RequestDeadline.check();
            throw busy(bytes);
        }
        return new Share(wanted);
    }

    long capacityBytes() {
        return capacityUnits * UNIT;
    }

    /** What the shares handed out and not yet given back hold now. */
    long inUseBytes() {
        return (capacityUnits - (long) units.availablePermits()) * UNIT;
    }

    /** How many requests were refused because the budget stayed taken. */
    long refusals() {
        return refusals.sum();
    }

    private FaceException busy(long bytes) {
        return new FaceException(
                FaceErrorCode.UNAVAILABLE,
                "The service is decoding as many images as its memory allows and this one did not get its turn within "
                        + wait.toMillis() + " ms. Retry in a moment, or send a smaller image.",
                Map.of("retryAfterSeconds", 1, "imageBytes", bytes, "budgetBytes", capacityBytes()));
    }

    /** One image's part of the budget; closing gives it back, once. */
    final class Share implements AutoCloseable {
        private final int units;
        private final AtomicBoolean returned = new AtomicBoolean();

        private Share(int units) {
            this.units = units;
        }

        @Override
        public void close() {
            if (returned.compareAndSet(false, true)) {
                DecodeMemoryBudget.this.units.release(units);
            }
        }
    }
}
